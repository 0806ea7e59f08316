using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Referrals;

/// <summary>The recipient reports an accepted referral's services delivered; its access to the case ends.</summary>
public static class CompleteReferral
{
    public const string Policy = Policies.Refer;

    public static Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        ReferralTransition.ApplyAsync(db, user, id, ReferralTransition.Side.Recipient,
            r => r.Complete(clock.GetUtcNow().UtcDateTime), ct);
}
