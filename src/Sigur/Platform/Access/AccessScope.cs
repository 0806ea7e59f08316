using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;

namespace Sigur.Platform.Access;

/// <summary>
/// Which records the current user may see beyond their own organisation's: today the cases (and their persons) of
/// their live break-glass grants. SigurDb's query filters read this; features never filter by organisation themselves.
/// </summary>
public sealed class AccessScope
{
    public static readonly AccessScope None = new([], []);

    public AccessScope(IReadOnlyList<Guid> caseIds, IReadOnlyList<Guid> personIds)
    {
        CaseIds = caseIds;
        PersonIds = personIds;
    }

    public IReadOnlyList<Guid> CaseIds { get; }
    public IReadOnlyList<Guid> PersonIds { get; }

    private static string CacheKey(Guid userId) => $"access-scope:{userId}";

    /// <summary>Loads the user's live grants, cached briefly: grants are rare and this runs on every request.</summary>
    public static async Task<AccessScope> LoadAsync(SigurDb db, IMemoryCache cache, Guid userId, DateTime now, CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey(userId), out AccessScope? cached) && cached is not null) return cached;
        var grants = await db.BreakGlassGrants.AsNoTracking()
            .Where(g => g.UserId == userId && g.ExpiresAt > now)
            .Select(g => new { g.CaseId, g.PersonId, g.ExpiresAt }).ToListAsync(ct);
        var scope = grants.Count == 0 ? None : new AccessScope([.. grants.Select(g => g.CaseId)], [.. grants.Select(g => g.PersonId)]);
        var lifetime = TimeSpan.FromSeconds(30);
        if (grants.Count > 0 && grants.Min(g => g.ExpiresAt) - now < lifetime) lifetime = grants.Min(g => g.ExpiresAt) - now;
        cache.Set(CacheKey(userId), scope, lifetime);
        return scope;
    }

    public static void Forget(IMemoryCache cache, Guid userId) => cache.Remove(CacheKey(userId));
}
