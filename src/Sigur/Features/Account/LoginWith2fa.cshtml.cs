using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>Sign-in, second step: the six-digit code of the authenticator app.</summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<SigurUser> signIn, SignInThrottle throttle, Audit audit, IStringLocalizer<SharedResource> L)
    : SecondFactorPage(signIn, throttle, audit, L)
{
    [BindProperty] public string? Code { get; set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var code = (Code ?? "").Replace(" ", "").Replace("-", "");
        Code = null; // a wrong code is not shown again
        return await SignInAsync(_ => SignInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false),
            "web", "web: second factor", "The code is wrong or has expired, or the account is locked.");
    }
}
