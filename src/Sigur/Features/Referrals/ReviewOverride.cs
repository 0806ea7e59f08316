using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Referrals;

/// <summary>
/// The second person's look at an override, afterwards: approved, it stands until it expires; rejected, it ends at
/// once, like a withdrawn consent. The one who made the override cannot review it.
/// </summary>
public static class ReviewOverride
{
    public const string Policy = Policies.DisclosureOverride;

    public sealed record Request(bool Approve);

    public static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var consent = await db.Held<Consent>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (consent is null || !consent.IsOverride) return Problems.NotFound();
        if (consent.ReviewOverride(user.UserId!.Value, request.Approve, now) is { } refusal) return refusal.Problem();
        db.AuditWithNextSave(audit.New(request.Approve ? AuditAction.OverrideApproved : AuditAction.OverrideRejected, nameof(Consent), consent.Id.ToString(), [], null));
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
