using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>A screening form: the checklist's indicators grouped by dimension, each marked strong, medium or weak, in the user's language.</summary>
[Authorize(Policy = Policies.CaseWrite)]
public sealed class ScreenModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public IndicatorChecklist Checklist { get; private set; } = null!;
    public string CaseReference { get; private set; } = "";
    public string Culture => System.Globalization.CultureInfo.CurrentUICulture.Name;

    [BindProperty] public List<string> Observed { get; set; } = [];
    [BindProperty] public DateOnly ScreenedOn { get; set; }
    [BindProperty] public string? Screener { get; set; }
    [BindProperty] public string? Notes { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string checklist, CancellationToken ct)
    {
        ScreenedOn = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return await LoadAsync(id, checklist, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string checklist, CancellationToken ct)
    {
        if (!await LoadAsync(id, checklist, ct)) return NotFound();
        var result = await RecordScreening.Handle(id, new RecordScreening.Request(Checklist.Id, Observed, ScreenedOn, Checklist.Version, Screener, Notes), db, me, clock, ct);
        return await this.AnswerAsync<RecordScreening.Response>(result, L,
            created => string.Format(L["Screening recorded: {0} of {1} indicators observed."], created.Summary.Observed, created.Summary.OfIndicators),
            _ => RedirectToPage("Case", new { id }), how: new() { Fields = [] });
    }

    private async Task<bool> LoadAsync(Guid id, string checklist, CancellationToken ct)
    {
        var reference = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Reference).SingleOrDefaultAsync(ct);
        var found = string.IsNullOrEmpty(checklist) ? null : await ChecklistLibrary.FindAsync(db, checklist, null, ct);
        if (reference is null || found is null) return false;
        (CaseReference, Checklist) = (reference, found);
        return true;
    }
}
