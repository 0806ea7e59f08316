using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Referrals;

/// <summary>The recipient accepts a requested referral; the sender is notified.</summary>
public static class AcceptReferral
{
    public const string Policy = Policies.Refer;

    public static Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct) =>
        ReferralTransition.ApplyAsync(db, user, id, ReferralTransition.Side.Recipient, r =>
        {
            var refused = r.Accept(user.UserId!.Value, clock.GetUtcNow().UtcDateTime);
            if (refused is null) ReferralNotices.Answered(notifier, r);
            return refused;
        }, ct, notifier);
}
