using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Referrals;

/// <summary>
/// What a consent looks like to the holding organisation (the only one that sees consents). <c>ValidUntil</c> is the last
/// day it holds, as the person gave it, and <c>EndsAt</c> the moment it stops (an override's 72 hours end mid-day).
/// </summary>
public sealed record ConsentView(
    Guid Id, Guid CaseId, ConsentBasis Basis, ConsentGiver GivenBy, string GuardianName, IReadOnlyList<Guid> RecipientOrganisationIds,
    IReadOnlyList<DataGroup> DataGroups, string Purpose, DateTime RecordedAt, Guid RecordedBy, DateOnly ValidUntil, DateTime EndsAt, DateTime? WithdrawnAt,
    string OverrideReason, OverrideReview? Review, Guid? ReviewedBy, bool InForce, long Version)
{
    public static ConsentView From(Consent c, DateTime now) => new(
        c.Id, c.CaseId, c.Basis, c.GivenBy, c.GuardianName, c.RecipientOrganisationIds, c.DataGroups, c.Purpose, c.RecordedAt, c.RecordedBy,
        c.LastDay, c.ValidUntil, c.WithdrawnAt, c.OverrideReason, c.Review, c.ReviewedBy, c.IsInForce(now), c.Version);
}

/// <summary>Lookups shared by the referral use cases.</summary>
internal static class ReferralLookups
{
    /// <summary>Checks that each id is another active organisation; adds an error under <paramref name="field"/> if not.</summary>
    public static async Task CheckRecipientsAsync(SigurDb db, CurrentUser user, IReadOnlyList<Guid>? ids, string field, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (ids is null || ids.Count == 0 || ids.Count > 20) { errors[field] = ["Name between 1 and 20 organisations."]; return; }
        if (ids.Contains(user.OrganisationId!.Value)) { errors[field] = ["The holding organisation needs no consent to its own data."]; return; }
        var distinct = ids.Distinct().ToList();
        var found = await db.Organisations.CountAsync(o => distinct.Contains(o.Id) && o.IsActive, ct);
        if (found != distinct.Count) errors[field] = ["Every recipient must be an active organisation."];
    }

    public static void CheckGroups(IReadOnlyList<DataGroup>? groups, Dictionary<string, string[]> errors)
    {
        if (groups is null || groups.Count == 0) errors["dataGroups"] = ["Name at least one data group."];
        else if (groups.Any(g => !Enum.IsDefined(g))) errors["dataGroups"] = ["Unknown data group."];
    }
}
