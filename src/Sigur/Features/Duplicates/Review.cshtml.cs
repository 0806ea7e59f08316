using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Duplicates;

/// <summary>
/// The data-protection officer's review queue (<see cref="ReviewPersonLinks"/>) and the scan button. While a scan
/// runs, live.js brings the progress in place every few seconds (without JavaScript, a link shows it); no meta refresh.
/// </summary>
[Authorize(Policy = Policies.DataProtection)]
public sealed class ReviewModel(SigurDb db, CurrentUser me, Audit audit, TimeProvider clock, PersonScanProgress progress, IServiceProvider services,
    IHostApplicationLifetime lifetime, ILogger<PersonScanProgress> log, IStringLocalizer<SharedResource> L) : PageModel
{
    public ReviewPersonLinks.Response Queue { get; private set; } = new([], 0);
    public PersonScanProgress.Status Scan { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Scan = progress.Current;
        Queue = (await ReviewPersonLinks.List(db, audit, ct)).Value!;
    }

    public IActionResult OnPostScan()
    {
        ReviewPersonLinks.StartScan(progress, services, clock, me, lifetime, log);
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostConfirmAsync(Guid id, long version, CancellationToken ct) => DecideAsync(id, version, confirm: true, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, long version, CancellationToken ct) => DecideAsync(id, version, confirm: false, ct);

    private async Task<IActionResult> DecideAsync(Guid id, long version, bool confirm, CancellationToken ct)
    {
        var decision = new ReviewPersonLinks.Decision(version);
        var result = confirm
            ? await ReviewPersonLinks.Confirm(id, decision, db, me, audit, clock, ct)
            : await ReviewPersonLinks.Reject(id, decision, db, me, audit, clock, ct);
        TempData["Message"] = result.Result is Ok<ReviewPersonLinks.LinkView>
            ? (string)(confirm ? L["Confirmed: the two records now count as one person."] : L["Rejected: the pair will not be proposed again."])
            : (string)L["The pair was decided by someone else meanwhile."];
        return RedirectToPage();
    }
}
