using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;
using Sigur.Platform.Access;

namespace Sigur.Features.Referrals;

/// <summary>
/// The cases an organisation sees because they were referred to it: the referral is requested or accepted, and a
/// consent in force (not withdrawn, not expired, not a rejected override) names the organisation. Read by the
/// access scope on every request of a case reader. What is found is never cached: a consent withdrawn or a referral
/// declined must end the recipient's access on their very next request. Only "none" is remembered, briefly (see
/// <see cref="NoneLifetime"/>): most organisations have no case referred to them, and a late answer there can only
/// show a new referral a little late, never keep one that ended.
/// </summary>
public static class ReferralAccess
{
    /// <summary>
    /// How long "no case is referred to this organisation" is believed without asking again. In this process a
    /// committed referral or consent change ends it at once (<see cref="Changed"/>); another instance's change is seen
    /// within this time.
    /// </summary>
    public static readonly TimeSpan NoneLifetime = TimeSpan.FromSeconds(5);

    // Bumped after every commit that wrote a referral or consent. A "none" remembered under an older generation is not
    // believed, so an answer that raced with a commit is never kept: the generation is read before the query runs.
    private static long s_generation;

    /// <summary>Called once a transaction that wrote a referral or consent has committed (SigurDb does).</summary>
    public static void Changed() => Interlocked.Increment(ref s_generation);

    private static string NoneKey(Guid organisationId) => $"referred-none:{organisationId}";

    // Compiled once per model: this runs before every request of every case reader, and building and looking up the
    // LINQ expression each time cost more than the database spent answering it. (One model per host; EF refuses a
    // compiled query on a model other than its own, and the tests run several hosts in one process.)
    private static readonly ConditionalWeakTable<IModel, Func<SigurDb, Guid, DateTime, IAsyncEnumerable<Grant>>> InForce = new();

    private static Func<SigurDb, Guid, DateTime, IAsyncEnumerable<Grant>> Compile(IModel _) => EF.CompileAsyncQuery(
        (SigurDb db, Guid organisationId, DateTime now) =>
            from r in db.Set<Referral>().IgnoreQueryFilters().AsNoTracking()
            where r.RecipientOrganisationId == organisationId
                  && (r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted)
            join c in db.Set<Consent>().IgnoreQueryFilters() on r.CaseId equals c.CaseId
            where c.WithdrawnAt == null && c.ValidUntil > now
            select new Grant(r.CaseId, r.PersonId, c.RecipientOrganisationIds, c.DataGroups));

    private sealed record Grant(Guid CaseId, Guid PersonId, List<Guid> RecipientOrganisationIds, List<DataGroup> DataGroups);

    public static async Task<IReadOnlyList<ReferredCase>> LoadAsync(SigurDb db, IMemoryCache cache, Guid organisationId, DateTime now, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref s_generation);
        if (cache.TryGetValue(NoneKey(organisationId), out long noneSince) && noneSince == generation) return [];
        var rows = new List<Grant>();
        await foreach (var row in InForce.GetValue(db.Model, Compile)(db, organisationId, now).WithCancellation(ct)) rows.Add(row);
        // The recipient list is checked here rather than in SQL: a handful of rows, and no provider-specific JSON.
        List<ReferredCase> referred = [.. rows.Where(r => r.RecipientOrganisationIds.Contains(organisationId))
            .Select(r => new ReferredCase(r.CaseId, r.PersonId, r.DataGroups))];
        if (referred.Count == 0) cache.Set(NoneKey(organisationId), generation, NoneLifetime);
        return referred;
    }
}

/// <summary>Tells <see cref="ReferralAccess"/> when a transaction that wrote a referral or consent has committed.</summary>
internal sealed class ReferralCommitInterceptor : DbTransactionInterceptor
{
    public static readonly ReferralCommitInterceptor Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as SigurDb)?.ReferralsCommitted();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        (eventData.Context as SigurDb)?.ReferralsCommitted();
        return Task.CompletedTask;
    }
}
