using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Sigur.Data;
using Sigur.Platform.Access;

namespace Sigur.Features.Referrals;

/// <summary>
/// The referral feature's part in access: which cases are referred to an organisation with consent in force (asked by
/// <see cref="ReferralAccess"/> on every request of a case reader), and, after a commit that wrote a referral or a
/// consent, the word that access may have changed. Registered once (<see cref="ReferralServices"/>).
/// </summary>
internal sealed class ReferredCases : IReferredCaseSource, ISaveParticipant
{
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

    public async Task<IReadOnlyList<ReferredCase>> InForceAsync(SigurDb db, Guid organisationId, DateTime now, CancellationToken ct)
    {
        var rows = new List<Grant>();
        await foreach (var row in InForce.GetValue(db.Model, Compile)(db, organisationId, now).WithCancellation(ct)) rows.Add(row);
        // The recipient list is checked here rather than in SQL: a handful of rows, and no provider-specific JSON.
        return [.. rows.Where(r => r.RecipientOrganisationIds.Contains(organisationId)).Select(r => new ReferredCase(r.CaseId, r.PersonId, r.DataGroups))];
    }

    private static readonly SaveWork AccessMayHaveChanged = new(AfterCommit: ReferralAccess.Changed);

    public SaveWork? Prepare(ChangeTracker changes) =>
        changes.Entries().Any(e => e.Entity is Referral or Consent && e.State is not (EntityState.Unchanged or EntityState.Detached)) ? AccessMayHaveChanged : null;
}

public static class ReferralServices
{
    public static IServiceCollection AddReferrals(this IServiceCollection services)
    {
        services.AddSingleton<ReferredCases>();
        services.AddSingleton<IReferredCaseSource>(sp => sp.GetRequiredService<ReferredCases>());
        services.AddSingleton<ISaveParticipant>(sp => sp.GetRequiredService<ReferredCases>());
        return services;
    }
}
