using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>One checklist at a version (the newest unless ?version=), in the reader's language, and its version history.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ChecklistModel(SigurDb db) : PageModel
{
    public IndicatorChecklist Checklist { get; private set; } = null!;
    public IReadOnlyList<ManageChecklists.VersionEntry> History { get; private set; } = [];
    public string Culture => System.Globalization.CultureInfo.CurrentUICulture.Name;

    public async Task<IActionResult> OnGetAsync(string id, int? version, CancellationToken ct)
    {
        if (await ChecklistLibrary.FindAsync(db, id, version, ct) is not { } checklist) return NotFound();
        if ((await ManageChecklists.History(id, db, ct)).Result is not Ok<IReadOnlyList<ManageChecklists.VersionEntry>> { Value: { } history }) return NotFound();
        (Checklist, History) = (checklist, history);
        return Page();
    }
}
