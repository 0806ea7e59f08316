using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Referrals;

/// <summary>
/// How every status change is persisted: the entity method decides whether the transition is legal (409 if not),
/// and SaveChanges writes it as UPDATE … WHERE id = @id AND version = @read, in one transaction with its audit row.
/// Of two parallel transitions from the same state, the second updates no row and answers 409.
/// </summary>
internal static class ReferralTransition
{
    public enum Side { Sender, Recipient }

    public static async Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        SigurDb db, CurrentUser user, Guid id, Side side, Func<Referral, Refusal?> transition, CancellationToken ct, Notifier? notifier = null)
    {
        var org = user.OrganisationId;
        var referral = await db.Set<Referral>().SingleOrDefaultAsync(r => r.Id == id
            && (side == Side.Sender ? r.OrganisationId == org : r.RecipientOrganisationId == org), ct);
        if (referral is null) return Problems.NotFound();
        if (transition(referral) is { } refusal) return refusal.Problem();
        if (side == Side.Recipient && notifier is not null) await ReferralNotices.AnsweredByRecipientAsync(notifier, referral, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The referral was changed at the same moment. Reload it.");
        }
        return TypedResults.Ok(ReferralView.From(referral));
    }

    public static bool ValidReason(string? reason) => !string.IsNullOrWhiteSpace(reason) && reason.Length <= 1000;
}
