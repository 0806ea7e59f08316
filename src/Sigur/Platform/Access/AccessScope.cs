using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;

namespace Sigur.Platform.Access;

/// <summary>
/// Which records the current user may see beyond their own organisation's:
/// the cases (and their persons) of their live break-glass grants, in full; and the cases referred to their
/// organisation while the referral is active and a consent in force covers it, limited to the data groups that
/// consent covers. SigurDb's query filters read this; features never filter by organisation themselves.
/// </summary>
public sealed class AccessScope
{
    public static readonly AccessScope None = new([], []);

    private readonly IReadOnlyDictionary<Guid, IReadOnlySet<DataGroup>> _caseGroups;
    private readonly IReadOnlyDictionary<Guid, IReadOnlySet<DataGroup>> _personGroups;

    public AccessScope(IReadOnlyList<Guid> caseIds, IReadOnlyList<Guid> personIds, IReadOnlyList<ReferredCase>? referred = null)
    {
        CaseIds = caseIds;
        PersonIds = personIds;
        // A case that is both referred and opened by break-glass is seen in full: break-glass wins.
        var restricted = (referred ?? []).Where(r => !caseIds.Contains(r.CaseId)).ToList();
        _caseGroups = restricted.GroupBy(r => r.CaseId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<DataGroup>)g.SelectMany(r => r.Groups).ToHashSet());
        _personGroups = restricted.Where(r => !personIds.Contains(r.PersonId)).GroupBy(r => r.PersonId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<DataGroup>)g.SelectMany(r => r.Groups).ToHashSet());
        ReferredCaseIds = [.. _caseGroups.Keys];
        ReferredPersonIds = [.. _personGroups.Keys];
        // Name search over a referred person only where the consent covers identity: otherwise the search would
        // answer "is this the person called X?" for data the consent withholds.
        ReferredNamedPersonIds = [.. _personGroups.Where(p => p.Value.Contains(DataGroup.Identity)).Select(p => p.Key)];
        ReferredNamedCaseIds = [.. _caseGroups.Where(c => c.Value.Contains(DataGroup.Identity)).Select(c => c.Key)];
        _caseIdsByGroup = Enum.GetValues<DataGroup>().ToDictionary(g => g, g => (IReadOnlyList<Guid>)[.. _caseGroups.Where(c => c.Value.Contains(g)).Select(c => c.Key)]);
        _personIdsByGroup = Enum.GetValues<DataGroup>().ToDictionary(g => g, g => (IReadOnlyList<Guid>)[.. _personGroups.Where(p => p.Value.Contains(g)).Select(p => p.Key)]);
    }

    private readonly IReadOnlyDictionary<DataGroup, IReadOnlyList<Guid>> _caseIdsByGroup;
    private readonly IReadOnlyDictionary<DataGroup, IReadOnlyList<Guid>> _personIdsByGroup;

    /// <summary>The referred cases whose consent covers <paramref name="group"/>: what a record of that group on the case (a note, a document) is seen through.</summary>
    public IReadOnlyList<Guid> ReferredCaseIdsCovering(DataGroup group) => _caseIdsByGroup[group];
    /// <summary>The persons of referred cases whose consent covers <paramref name="group"/>: for a record on the person rather than on one case.</summary>
    public IReadOnlyList<Guid> ReferredPersonIdsCovering(DataGroup group) => _personIdsByGroup[group];

    /// <summary>No access beyond the user's own organisation: the common case, which lets queries say so to the planner.</summary>
    public bool IsOwnOrganisationOnly => CaseIds.Count == 0 && PersonIds.Count == 0 && ReferredCaseIds.Count == 0;

    /// <summary>Cases seen in full (break-glass).</summary>
    public IReadOnlyList<Guid> CaseIds { get; }
    public IReadOnlyList<Guid> PersonIds { get; }
    /// <summary>Cases seen through an active, consented referral (only the consented data groups).</summary>
    public IReadOnlyList<Guid> ReferredCaseIds { get; }
    public IReadOnlyList<Guid> ReferredPersonIds { get; }
    public IReadOnlyList<Guid> ReferredNamedPersonIds { get; }
    public IReadOnlyList<Guid> ReferredNamedCaseIds { get; }

    /// <summary>The data groups of a referred case, or null when the case is not seen through a referral.</summary>
    public IReadOnlySet<DataGroup>? GroupsForCase(Guid caseId) => _caseGroups.GetValueOrDefault(caseId);
    public IReadOnlySet<DataGroup>? GroupsForPerson(Guid personId) => _personGroups.GetValueOrDefault(personId);

    private static string CacheKey(Guid userId) => $"access-scope:{userId}";

    /// <summary>
    /// Loads the user's extra access. Break-glass grants are cached briefly (rare, and they only ever widen access
    /// for a fixed time). Referrals and consents are read on every request (see <see cref="ReferralAccess"/>, which
    /// remembers only "none", briefly): a consent withdrawn or a referral declined or revoked must end the recipient's
    /// access on their very next request.
    /// </summary>
    public static async Task<AccessScope> LoadAsync(SigurDb db, IMemoryCache cache, IReferredCaseSource referrals, Guid userId, Guid organisationId, Role role, DateTime now, CancellationToken ct)
    {
        if (!cache.TryGetValue(CacheKey(userId), out AccessScope? grants) || grants is null)
        {
            var rows = await db.BreakGlassGrants.AsNoTracking()
                .Where(g => g.UserId == userId && g.ExpiresAt > now)
                .Select(g => new { g.CaseId, g.PersonId, g.ExpiresAt }).ToListAsync(ct);
            grants = rows.Count == 0 ? None : new AccessScope([.. rows.Select(g => g.CaseId)], [.. rows.Select(g => g.PersonId)]);
            var lifetime = TimeSpan.FromSeconds(30);
            if (rows.Count > 0 && rows.Min(g => g.ExpiresAt) - now < lifetime) lifetime = rows.Min(g => g.ExpiresAt) - now;
            cache.Set(CacheKey(userId), grants, lifetime);
        }
        if (!Policies.CaseReaders.Contains(role)) return grants;
        var referred = await ReferralAccess.LoadAsync(db, cache, referrals, organisationId, now, ct);
        return referred.Count == 0 ? grants : new AccessScope(grants.CaseIds, grants.PersonIds, referred);
    }

    public static void Forget(IMemoryCache cache, Guid userId) => cache.Remove(CacheKey(userId));
}

/// <summary>One case referred to the user's organisation, with the data groups a consent in force lets it see.</summary>
public sealed record ReferredCase(Guid CaseId, Guid PersonId, IReadOnlyList<DataGroup> Groups);
