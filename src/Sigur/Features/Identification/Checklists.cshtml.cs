using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>The indicator checklists in force, each with its version; administrators start a new checklist here.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ChecklistsModel(SigurDb db) : PageModel
{
    public IReadOnlyList<ManageChecklists.Summary> Checklists { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Checklists = await ManageChecklists.List(null, null, db, ct);

    /// <summary>A new checklist's id goes into the address of its editor (an id is a code, never personal data).</summary>
    public IActionResult OnPostNew(string? newId) =>
        string.IsNullOrWhiteSpace(newId) ? RedirectToPage("Checklists") : RedirectToPage("ChecklistEdit", new { id = newId.Trim().ToLowerInvariant() });
}
