using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>Sign-in, second step without the phone: one of the recovery codes shown at enrolment (each works once).</summary>
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<SigurUser> signIn, Audit audit, IStringLocalizer<SharedResource> L) : PageModel
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
        var result = await signIn.TwoFactorRecoveryCodeSignInAsync((RecoveryCode ?? "").Replace(" ", ""));
        if (result.Succeeded && !user.IsDisabled)
        {
            await audit.EventAsync(AuditAction.SignIn, reason: "web: recovery code", userId: user.Id, organisationId: user.OrganisationId);
            PageSupport.SetCultureCookie(Response, user.Culture);
            return LocalRedirect(PageSupport.LocalOrNull(ReturnUrl) ?? "/");
        }
        if (result.Succeeded) await signIn.SignOutAsync();
        await audit.EventAsync(AuditAction.SignInFailed, reason: result.IsLockedOut ? "web: locked out" : "web: recovery code",
            userId: user.Id, organisationId: user.OrganisationId);
        Error = L["The recovery code is wrong or was already used."];
        return Page();
    }
}
