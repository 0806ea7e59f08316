using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>Sign-in, second step without the phone: one of the recovery codes shown at enrolment (each works once).</summary>
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<SigurUser> signIn, UserManager<SigurUser> users, SignInThrottle throttle, Audit audit, IStringLocalizer<SharedResource> L)
    : SecondFactorPage(signIn, throttle, audit, L)
{
    [BindProperty] public string? RecoveryCode { get; set; }

    public Task<IActionResult> OnPostAsync() => SignInAsync(async user =>
    {
        // Identity neither checks the lockout here nor counts a wrong recovery code; a guess at a recovery code is a
        // guess at the second factor, so it counts as a wrong authenticator code does.
        if (await users.IsLockedOutAsync(user)) return SignInResult.LockedOut;
        var result = await SignInManager.TwoFactorRecoveryCodeSignInAsync((RecoveryCode ?? "").Replace(" ", ""));
        if (result.Succeeded) return result;
        await users.AccessFailedAsync(user);
        return await users.IsLockedOutAsync(user) ? SignInResult.LockedOut : result;
    }, "web: recovery code", "web: recovery code", "The recovery code is wrong or was already used.");
}
