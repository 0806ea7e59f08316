using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Admin;
using Sigur.Platform;

namespace Sigur.Features.Account;

/// <summary>My sign-ins, and signing out all but this one (a phone left somewhere, a shared computer).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SessionsModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, IMemoryCache cache, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<SessionsOf.Item> Items { get; private set; } = [];

    // The /Account folder is open to anonymous requests, so the page itself insists on a signed-in user.
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (me.UserId is null) return Challenge();
        Items = (await SessionsOf.Mine(HttpContext, db, me, ct)).Value!;
        return Page();
    }

    public async Task<IActionResult> OnPostSignOutOthersAsync(CancellationToken ct)
    {
        if (me.UserId is null) return Challenge();
        await SessionsOf.SignOutOthers(HttpContext, db, me, audit, cache, clock, ct);
        TempData["Message"] = L["Your other sessions were signed out."].Value;
        return RedirectToPage("Sessions");
    }
}
