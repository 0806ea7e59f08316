using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Referrals;

/// <summary>The recipient declines a requested referral, with a reason; its access to the case ends with it.</summary>
public static class DeclineReferral
{
    public const string Policy = Policies.Refer;

    public sealed record Request(string Reason);

    public static async Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct)
    {
        if (!ReferralTransition.ValidReason(request.Reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["State the reason in at most 1000 characters."] });
        return await ReferralTransition.ApplyAsync(db, user, id, ReferralTransition.Side.Recipient,
            r =>
            {
                var refused = r.Decline(user.UserId!.Value, request.Reason.Trim(), clock.GetUtcNow().UtcDateTime);
                if (refused is null) ReferralNotices.Answered(notifier, r);
                return refused;
            }, ct, notifier);
    }
}
