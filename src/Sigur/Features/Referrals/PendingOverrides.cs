using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Referrals;

/// <summary>
/// The overrides of the user's organisation that wait for a second person's review (<see cref="ReviewOverride"/>),
/// oldest first, with the reason the approver needs to decide; whether the user may decide each (not their own).
/// </summary>
public static class PendingOverrides
{
    public const string Policy = Policies.DisclosureOverride;

    public sealed record Item(Guid Id, Guid CaseId, string CaseReference, ConsentBasis Ground, IReadOnlyList<Guid> RecipientOrganisationIds,
        IReadOnlyList<DataGroup> DataGroups, string Reason, DateTime RecordedAt, Guid RecordedBy, DateTime ValidUntil, bool MayDecide, long Version);

    public const int Max = 200;

    public static async Task<Ok<List<Item>>> Handle(SigurDb db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        var overrides = await db.Held<Consent>().AsNoTracking()
            .Where(c => c.Basis != ConsentBasis.Consent && c.Review == null)
            .OrderBy(c => c.RecordedAt).Take(Max).ToListAsync(ct);
        var caseIds = overrides.Select(c => c.CaseId).Distinct().ToList();
        // The reference only, of the organisation's own cases: nothing here for Disclosure.Minimise to withhold.
        var references = await db.Held<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
        await audit.ListAsync(nameof(Consent), overrides.Select(c => c.Id), FieldGroups.Narrative);
        return TypedResults.Ok(overrides.ConvertAll(c => new Item(c.Id, c.CaseId, references.GetValueOrDefault(c.CaseId, ""), c.Basis, c.RecipientOrganisationIds,
            c.DataGroups, c.OverrideReason, c.RecordedAt, c.RecordedBy, c.ValidUntil, c.RecordedBy != user.UserId, c.Version)));
    }
}
