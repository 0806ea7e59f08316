using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Referrals;

/// <summary>
/// Disclosure without consent, where a life is in danger (or, for a child, where the child must be protected) and
/// consent cannot be had in time. The worker states why; it works at once for at most 72 hours, is audited and
/// alerted (a warning event for the operators' monitoring, identifiers only), and waits for a second person of the
/// organisation to approve or reject it (<see cref="ReviewOverride"/>).
/// </summary>
public static class OverrideConsent
{
    public const string Policy = Policies.DisclosureOverride;


    public sealed record Request(ConsentBasis Ground, IReadOnlyList<Guid> RecipientOrganisationIds, IReadOnlyList<DataGroup> DataGroups, string Reason);

    public static async Task<Results<Created<ConsentView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, ILogger<Request> log, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var c = await db.Held<Case>().Include(x => x.Person).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c?.Person is null) return Problems.NotFound();

        var errors = new Dictionary<string, string[]>();
        await ReferralLookups.CheckRecipientsAsync(db, user, request.RecipientOrganisationIds, "recipientOrganisationIds", errors, ct);
        ReferralLookups.CheckGroups(request.DataGroups, errors);
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 20 || request.Reason.Length > 1000)
            errors["reason"] = ["State the reason in 20 to 1000 characters."];
        if (request.Ground is not (ConsentBasis.DangerToLife or ConsentBasis.ChildProtection))
            errors["ground"] = ["An override is for danger to life or child protection."];
        else if (request.Ground == ConsentBasis.ChildProtection && !c.Person.IsChild(DateOnly.FromDateTime(now)))
            errors["ground"] = ["Child protection applies to children only."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var consent = new Consent
        {
            CaseId = c.Id,
            OrganisationId = c.OrganisationId,
            Basis = request.Ground,
            GivenBy = ConsentGiver.NotGiven,
            RecipientOrganisationIds = [.. request.RecipientOrganisationIds.Distinct()],
            DataGroups = [.. request.DataGroups.Distinct().Order()],
            Purpose = request.Ground == ConsentBasis.DangerToLife ? "Danger to life" : "Child protection",
            OverrideReason = request.Reason.Trim(),
            RecordedAt = now,
            RecordedBy = user.UserId!.Value,
            ValidUntil = now + Consent.OverrideDuration,
        };
        db.Add(consent);
        db.AuditWithNextSave(audit.New(AuditAction.DisclosureOverride, nameof(Consent), $"{consent.Id} {c.Id}", [.. consent.DataGroups.Select(g => g.ToString())], request.Ground.ToString()));
        await db.SaveChangesAsync(ct);
        log.LogWarning("Disclosure override {ConsentId} ({Ground}) made by user {UserId} on case {CaseId}; awaiting a second person's review",
            consent.Id, request.Ground, user.UserId, c.Id);
        return TypedResults.Created($"/api/v1/consents/{consent.Id}", ConsentView.From(consent, now));
    }
}
