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
/// API sign-in: user name, password and the current code of the authenticator app give a short-lived bearer token
/// and a refresh token. Two factors always; an account without an enrolled authenticator must first sign in on the
/// web and enrol. The tokens belong to a <see cref="SignInSession"/>: signing out ends it, and a password change, an
/// authenticator reset or disabling the account (all renew the security stamp) end every session of the account.
/// </summary>
public static class IssueToken
{
    public sealed record Request(string UserName, string Password, string Code);

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Handle(
        Request request, HttpContext context, UserManager<SigurUser> users, SignInManager<SigurUser> signIn, SignInThrottle throttle,
        SigurDb db, TimeProvider clock, Audit audit)
    {
        var name = request.UserName ?? "";
        var password = request.Password ?? "";
        if (throttle.Admit(context, name) is { } wait) return SignInRules.TooMany(context, wait);
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        if (user is null || user.IsDisabled)
        {
            SignInRules.HashAnyway(users, password);
            throttle.Failed(context, name);
            await audit.EventAsync(AuditAction.SignInFailed, reason: "api: unknown or disabled account");
            return Refused();
        }
        // Wrong passwords count toward the throttle, not the account's lockout (see SignInThrottle).
        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: false);
        if (checkedPassword.IsLockedOut) SignInRules.HashAnyway(users, password);
        if (!checkedPassword.Succeeded)
        {
            throttle.Failed(context, name);
            await audit.EventAsync(AuditAction.SignInFailed, reason: checkedPassword.IsLockedOut ? "api: locked out" : "api: wrong password", userId: user.Id, organisationId: user.OrganisationId);
            return Refused();
        }
        var code = (request.Code ?? "").Replace(" ", "");
        if (!user.TwoFactorEnabled || user.MustChangePassword
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.AccessFailedAsync(user);
            throttle.Failed(context, name);
            await audit.EventAsync(AuditAction.SignInFailed, reason: "api: second factor", userId: user.Id, organisationId: user.OrganisationId);
            return Refused();
        }
        await users.ResetAccessFailedCountAsync(user);
        await audit.EventAsync(AuditAction.SignIn, reason: "api", userId: user.Id, organisationId: user.OrganisationId);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        Sessions.Name(principal, await Sessions.StartAsync(db, user.Id, clock.GetUtcNow().UtcDateTime));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    // One answer for every failure, so the endpoint does not tell which accounts exist.
    internal static ProblemHttpResult Refused() =>
        TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "The user name, password or code is wrong, or the account is locked or disabled.");
}
