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

/// <summary>
/// Sign-in, first step: user name and password (with lockout). An account with an authenticator goes on to the
/// code; one without signs in and is sent by <see cref="AccountSetup"/> to change its password and enrol one.
/// The audit log records the user id only, never the name typed.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(SignInManager<SigurUser> signIn, UserManager<SigurUser> users, SignInThrottle throttle, Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = L["Enter your user name and password."];
            return Page();
        }
        if (throttle.Admit(HttpContext, UserName) is { } wait)
        {
            Error = SignInRules.TooMany(this, wait, L);
            Password = null;
            return Page();
        }
        var user = await users.FindByNameAsync(UserName.Trim());
        if (user is null || user.IsDisabled)
        {
            SignInRules.HashAnyway(users, Password);
            throttle.Failed(HttpContext, UserName);
            await audit.EventAsync(AuditAction.SignInFailed, reason: "web: unknown or disabled account", userId: user?.Id, organisationId: user?.OrganisationId);
            return Refused();
        }
        // Wrong passwords count toward the throttle, not the account's lockout (see SignInThrottle).
        var result = await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: false);
        if (result.RequiresTwoFactor)
            return RedirectToPage("LoginWith2fa", new { ReturnUrl = PageSupport.LocalOrNull(ReturnUrl) });
        if (result.Succeeded)
        {
            await audit.EventAsync(AuditAction.SignIn, reason: "web", userId: user.Id, organisationId: user.OrganisationId);
            PageSupport.SetCultureCookie(Response, user.Culture);
            return LocalRedirect(PageSupport.LocalOrNull(ReturnUrl) ?? "/");
        }
        if (result.IsLockedOut) SignInRules.HashAnyway(users, Password);
        throttle.Failed(HttpContext, UserName);
        await audit.EventAsync(AuditAction.SignInFailed, reason: result.IsLockedOut ? "web: locked out" : "web: wrong password",
            userId: user.Id, organisationId: user.OrganisationId);
        return Refused();
    }

    // One message for every failure, so the page does not tell which accounts exist or are locked.
    private PageResult Refused()
    {
        Error = L["Sign-in failed. The user name or password is wrong, or the account is locked or disabled."];
        Password = null;
        return Page();
    }
}
