using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Referrals;

/// <summary>The recipient accepts a requested referral.</summary>
public static class AcceptReferral
{
    public static Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        ReferralTransition.ApplyAsync(db, user, id, ReferralTransition.Side.Recipient,
            r => r.Accept(user.UserId!.Value, clock.GetUtcNow().UtcDateTime), ct);
}
