using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Grants = Sigur.Features.Admin.BreakGlass;

namespace Sigur.Features.Cases;

/// <summary>
/// Emergency access to another organisation's case by its reference, with a stated reason
/// (<see cref="Grants.Open"/>: audited, alerted, reviewed by the administrators).
/// </summary>
[Authorize(Policy = Policies.BreakGlass)]
public sealed class BreakGlassModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IMemoryCache cache,
    ILogger<Grants.Request> log, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public string? CaseReference { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await Grants.Open(new Grants.Request(CaseReference ?? "", Reason ?? ""), db, me, audit, clock, cache, log, ct);
        return await this.AnswerAsync<Grants.Grant>(result, L,
            grant => string.Format(L["Emergency access granted until {0}. The administrators have been alerted."],
                grant.ExpiresAt.ToLocalTime().ToString("g", System.Globalization.CultureInfo.CurrentCulture)),
            grant => RedirectToPage("Details", new { id = grant.CaseId }),
            how: new() { Fields = ["CaseReference", "Reason"], NotFound = _ => ModelState.AddModelError(nameof(CaseReference), L["There is no case with this reference."]) });
    }
}
