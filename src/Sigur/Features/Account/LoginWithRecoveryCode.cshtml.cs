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

/// <summary>Sign-in, second step without the phone: one of the recovery codes shown at enrolment (each works once).</summary>
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<SigurUser> signIn, UserManager<SigurUser> users, SignInThrottle throttle, Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public string? RecoveryCode { get; set; }
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
        // Identity neither checks the lockout here nor counts a wrong recovery code; a guess at a recovery code is a
        // guess at the second factor, so it counts as a wrong authenticator code does.
        var result = await users.IsLockedOutAsync(user) ? Microsoft.AspNetCore.Identity.SignInResult.LockedOut
            : await signIn.TwoFactorRecoveryCodeSignInAsync((RecoveryCode ?? "").Replace(" ", ""));
        if (!result.Succeeded && !result.IsLockedOut)
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user)) result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        if (result.Succeeded && !user.IsDisabled)
        {
            await audit.EventAsync(AuditAction.SignIn, reason: "web: recovery code", userId: user.Id, organisationId: user.OrganisationId);
            PageSupport.SetCultureCookie(Response, user.Culture);
            return LocalRedirect(PageSupport.LocalOrNull(ReturnUrl) ?? "/");
        }
        if (result.Succeeded) await signIn.SignOutAsync();
        throttle.Failed(HttpContext, user.UserName!);
        await audit.EventAsync(AuditAction.SignInFailed, reason: result.IsLockedOut ? "web: locked out" : "web: recovery code",
            userId: user.Id, organisationId: user.OrganisationId);
        Error = L["The recovery code is wrong or was already used."];
        return Page();
    }
}
