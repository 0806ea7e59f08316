using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Referrals;

/// <summary>
/// Refers a case of one's own organisation to another organisation for services. Refused (409) unless a consent in
/// force (or an override) names the recipient: data never leaves the holding organisation without one.
/// </summary>
public static class CreateReferral
{
    public const string Policy = Policies.Refer;

    public sealed record Request(Guid CaseId, Guid RecipientOrganisationId, IReadOnlyList<ServiceType> Services);

    public static async Task<Results<Created<ReferralView>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (request.Services is null || request.Services.Count == 0 || request.Services.Any(s => !Enum.IsDefined(s)))
            errors["services"] = ["Name at least one known service."];
        if (request.RecipientOrganisationId == user.OrganisationId
            || !await db.Organisations.AnyAsync(o => o.Id == request.RecipientOrganisationId && o.IsActive, ct))
            errors["recipientOrganisationId"] = ["Refer to another active organisation."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var c = await db.Held<Case>().AsNoTracking().Where(x => x.Id == request.CaseId)
            .Select(x => new { x.Id, x.PersonId, x.Reference, x.OrganisationId }).SingleOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound();

        var consents = await db.Set<Consent>().AsNoTracking().Where(x => x.CaseId == c.Id && x.WithdrawnAt == null && x.ValidUntil > now).ToListAsync(ct);
        if (!consents.Any(x => x.Covers(request.RecipientOrganisationId, now)))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Consent required",
                detail: "No consent in force names this organisation. Record the consent first (or, where a life is in danger, an override).");
        var alreadyActive = Problems.Conflict("The case already has an active referral to this organisation.");
        if (await db.Set<Referral>().AnyAsync(r => r.CaseId == c.Id && r.RecipientOrganisationId == request.RecipientOrganisationId
                                                   && (r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted), ct))
            return alreadyActive;

        var referral = new Referral
        {
            CaseId = c.Id,
            PersonId = c.PersonId,
            CaseReference = c.Reference,
            OrganisationId = c.OrganisationId,
            RecipientOrganisationId = request.RecipientOrganisationId,
            Services = [.. request.Services!.Distinct()],
            RequestedAt = now,
            RequestedBy = user.UserId!.Value,
        };
        db.Add(referral);
        ReferralNotices.NewReferral(notifier, referral);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return alreadyActive; // a parallel request referred it first: the unique index keeps one
        }
        return TypedResults.Created($"/api/v1/referrals/{referral.Id}", ReferralView.From(referral));
    }
}
