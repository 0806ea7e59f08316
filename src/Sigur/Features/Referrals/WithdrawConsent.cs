using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Referrals;

/// <summary>
/// The person withdraws consent: recorded by the holding organisation, in force at once. The recipients' access
/// scope is read on every request, so their very next request no longer sees the case.
/// </summary>
public static class WithdrawConsent
{
    public const string Policy = Policies.CaseWrite;

    public static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> Handle(
        Guid id, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var consent = await db.Held<Consent>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consent is null) return Problems.NotFound();
        if (consent.Withdraw(user.UserId!.Value, now) is { } refusal) return refusal.Problem();
        // The organisations reading the case through an active referral under this consent lose it now: tell them.
        var reading = await db.Set<Referral>().AsNoTracking()
            .Where(r => r.CaseId == consent.CaseId && (r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted))
            .Select(r => new { r.RecipientOrganisationId, r.CaseReference }).ToListAsync(ct);
        foreach (var r in reading.Where(r => consent.RecipientOrganisationIds.Contains(r.RecipientOrganisationId)).DistinctBy(r => r.RecipientOrganisationId))
            ReferralNotices.ConsentWithdrawn(notifier, r.RecipientOrganisationId, r.CaseReference);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(ConsentView.From(consent, now));
    }
}
