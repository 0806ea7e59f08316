using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Referrals;

/// <summary>
/// Records the consent of the person (for a child: of the guardian) to share named groups of the case's data with
/// named organisations, for a purpose, until a date. Only the holding organisation records consents.
/// </summary>
public static class RecordConsent
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(
        ConsentGiver GivenBy, IReadOnlyList<Guid> RecipientOrganisationIds, IReadOnlyList<DataGroup> DataGroups, string Purpose, DateOnly ValidUntil,
        string? GuardianName = null);

    public static async Task<Results<Created<ConsentView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var c = await db.Held<Case>().Include(x => x.Person).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c?.Person is null) return Problems.NotFound();

        var errors = new Dictionary<string, string[]>();
        await ReferralLookups.CheckRecipientsAsync(db, user, request.RecipientOrganisationIds, "recipientOrganisationIds", errors, ct);
        ReferralLookups.CheckGroups(request.DataGroups, errors);
        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Length > 1000) errors["purpose"] = ["State the purpose in at most 1000 characters."];
        if (request.ValidUntil <= today || request.ValidUntil > today.AddYears(2)) errors["validUntil"] = ["A date after today and at most two years ahead."];
        var isChild = c.Person.IsChild(today);
        if (request.GivenBy == ConsentGiver.Person && isChild)
            errors["givenBy"] = ["For a child, the guardian gives consent."];
        else if (request.GivenBy == ConsentGiver.Guardian && (string.IsNullOrWhiteSpace(request.GuardianName) || request.GuardianName.Length > 200))
            errors["guardianName"] = ["Name the guardian (at most 200 characters)."];
        else if (request.GivenBy is not (ConsentGiver.Person or ConsentGiver.Guardian))
            errors["givenBy"] = ["Consent is given by the person or the guardian; without consent, use an override."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var consent = new Consent
        {
            CaseId = c.Id,
            OrganisationId = c.OrganisationId,
            GivenBy = request.GivenBy,
            GuardianName = request.GivenBy == ConsentGiver.Guardian ? request.GuardianName!.Trim() : "",
            RecipientOrganisationIds = [.. request.RecipientOrganisationIds.Distinct()],
            DataGroups = [.. request.DataGroups.Distinct().Order()],
            Purpose = request.Purpose.Trim(),
            RecordedAt = now,
            RecordedBy = user.UserId!.Value,
            ValidUntil = request.ValidUntil.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(1), // valid through that day
        };
        db.Add(consent);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/consents/{consent.Id}", ConsentView.From(consent, now));
    }
}
