using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>Sign-out (POST only, with the antiforgery token); GET shows a button so a link cannot sign anyone out.</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<SigurUser> signIn, CurrentUser me, SigurDb db, IMemoryCache cache, TimeProvider clock, Audit audit) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (me.IsAuthenticated) await audit.EventAsync(AuditAction.SignOut);
        // Ends the session on the server too: a copy of the cookie (taken from this browser) stops working.
        if (Sessions.Of(User) is { } session) await Sessions.EndAsync(db, cache, session, clock.GetUtcNow().UtcDateTime, HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        return RedirectToPage("Login");
    }
}
