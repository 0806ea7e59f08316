using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>Sign-out (POST only, with the antiforgery token); GET shows a button so a link cannot sign anyone out.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<SigurUser> signIn, CurrentUser me, Audit audit) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (me.IsAuthenticated) await audit.EventAsync(AuditAction.SignOut);
        await signIn.SignOutAsync();
        return RedirectToPage("Login");
    }
}
