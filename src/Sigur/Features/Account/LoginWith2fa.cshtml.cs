using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>Sign-in, second step: the six-digit code of the authenticator app.</summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<SigurUser> signIn, SignInThrottle throttle, Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("Login");
        if (throttle.Admit(HttpContext, user.UserName!) is { } wait)
        {
            Error = SignInRules.TooMany(this, wait, L);
            return Page();
        }
        var code = (Code ?? "").Replace(" ", "").Replace("-", "");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded && !user.IsDisabled)
        {
            await audit.EventAsync(AuditAction.SignIn, reason: "web", userId: user.Id, organisationId: user.OrganisationId);
            PageSupport.SetCultureCookie(Response, user.Culture);
            return LocalRedirect(PageSupport.LocalOrNull(ReturnUrl) ?? "/");
        }
        if (result.Succeeded) await signIn.SignOutAsync();
        throttle.Failed(HttpContext, user.UserName!);
        await audit.EventAsync(AuditAction.SignInFailed, reason: result.IsLockedOut ? "web: locked out" : "web: second factor",
            userId: user.Id, organisationId: user.OrganisationId);
        Error = L["The code is wrong or has expired, or the account is locked."];
        Code = null;
        return Page();
    }
}
