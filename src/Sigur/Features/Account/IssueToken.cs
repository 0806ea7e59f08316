using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Account;

/// <summary>
/// API sign-in: user name, password and the current code of the authenticator app give a bearer token.
/// Two factors always; an account without an enrolled authenticator must first sign in on the web and enrol.
/// </summary>
public static class IssueToken
{
    public sealed record Request(string UserName, string Password, string Code);

    public static async Task<Results<SignInHttpResult, ProblemHttpResult>> Handle(
        Request request, UserManager<SigurUser> users, SignInManager<SigurUser> signIn, Audit audit)
    {
        var user = string.IsNullOrEmpty(request.UserName) ? null : await users.FindByNameAsync(request.UserName);
        if (user is null || user.IsDisabled)
        {
            await audit.EventAsync(AuditAction.SignInFailed, reason: "api: unknown or disabled account");
            return Refused();
        }
        var password = await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
        if (!password.Succeeded)
        {
            await audit.EventAsync(AuditAction.SignInFailed, reason: password.IsLockedOut ? "api: locked out" : "api: wrong password", userId: user.Id, organisationId: user.OrganisationId);
            return Refused();
        }
        var code = (request.Code ?? "").Replace(" ", "");
        if (!user.TwoFactorEnabled || user.MustChangePassword
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            await users.AccessFailedAsync(user);
            await audit.EventAsync(AuditAction.SignInFailed, reason: "api: second factor", userId: user.Id, organisationId: user.OrganisationId);
            return Refused();
        }
        await users.ResetAccessFailedCountAsync(user);
        await audit.EventAsync(AuditAction.SignIn, reason: "api", userId: user.Id, organisationId: user.OrganisationId);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    // One answer for every failure, so the endpoint does not tell which accounts exist.
    private static ProblemHttpResult Refused() =>
        TypedResults.Problem(statusCode: 401, title: "Sign-in failed", detail: "The user name, password or code is wrong, or the account is locked or disabled.");
}
