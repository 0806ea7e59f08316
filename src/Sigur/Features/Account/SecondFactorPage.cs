using Microsoft.AspNetCore.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>
/// The second step of a sign-in, whichever factor it takes (an authenticator code, a recovery code): the user the
/// first step remembered, the throttle, the audit and the way in or back are the same for both.
/// </summary>
public abstract class SecondFactorPage(SignInManager<SigurUser> signIn, SignInThrottle throttle, Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>For the page's own check of the factor.</summary>
    protected SignInManager<SigurUser> SignInManager { get; } = signIn;

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await SignInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("Login") : Page();

    /// <summary>Checks the factor with <paramref name="check"/>; the audit says <paramref name="signedIn"/> or <paramref name="failed"/>, and <paramref name="wrong"/> tells the user it failed.</summary>
    protected async Task<IActionResult> SignInAsync(Func<SigurUser, Task<SignInResult>> check, string signedIn, string failed, string wrong)
    {
        var user = await SignInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToPage("Login");
        if (throttle.Admit(HttpContext, user.UserName!) is { } wait)
        {
            Error = SignInRules.TooMany(this, wait, L);
            return Page();
        }
        var result = await check(user);
        if (result.Succeeded && !user.IsDisabled)
        {
            await audit.EventAsync(AuditAction.SignIn, reason: signedIn, userId: user.Id, organisationId: user.OrganisationId);
            PageSupport.SetCultureCookie(Response, user.Culture);
            return LocalRedirect(PageSupport.LocalOrNull(ReturnUrl) ?? "/");
        }
        if (result.Succeeded) await SignInManager.SignOutAsync();
        throttle.Failed(HttpContext, user.UserName!);
        await audit.EventAsync(AuditAction.SignInFailed, reason: result.IsLockedOut ? "web: locked out" : failed,
            userId: user.Id, organisationId: user.OrganisationId);
        Error = L[wrong];
        return Page();
    }
}
