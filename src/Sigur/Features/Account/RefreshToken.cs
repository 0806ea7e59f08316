using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>
/// Exchanges a refresh token for new tokens. Each refresh token works once (it is rotated); using one a second time
/// ends its session, because one of the two users of that token is not its owner.
/// </summary>
public static class RefreshToken
{
    public sealed record Request(string RefreshToken);

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Handle(
        Request request, HttpContext context, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<SigurUser> signIn, SignInThrottle throttle,
        SigurDb db, IMemoryCache cache, TimeProvider clock)
    {
        // The token is opaque to the throttle: the address's budget is what limits guessing here.
        if (throttle.Admit(context, "refresh") is { } wait) return SignInRules.TooMany(context, wait);
        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken ?? "");
        var now = clock.GetUtcNow();
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= now
            || Sessions.Of(ticket.Principal) is not { } session
            || !int.TryParse(ticket.Principal.FindFirst(Sessions.GenerationClaim)?.Value, out var generation)
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsDisabled: false } user)
            return IssueToken.Refused();
        if (await Sessions.RotateAsync(db, cache, session, user.Id, generation, now.UtcDateTime, context.RequestAborted) is not { } next)
            return IssueToken.Refused();
        var principal = await signIn.CreateUserPrincipalAsync(user);
        Sessions.Name(principal, session, next);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
