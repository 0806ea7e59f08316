using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Referrals;

/// <summary>The sender withdraws a requested or accepted referral; the recipient's access to the case ends on its next request.</summary>
public static class RevokeReferral
{
    public const string Policy = Policies.Refer;

    public sealed record Request(string Reason);

    public static async Task<Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!ReferralTransition.ValidReason(request.Reason))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["State the reason in at most 1000 characters."] });
        return await ReferralTransition.ApplyAsync(db, user, id, ReferralTransition.Side.Sender,
            r => r.Revoke(request.Reason.Trim(), clock.GetUtcNow().UtcDateTime), ct);
    }
}
