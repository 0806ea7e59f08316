using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>
/// Import of cases into the user's organisation from CSV or Excel, Sigur's columns or the CTDC layout, in the steps of
/// `sigur import`: upload, column mapping, a check of every row (the dry run: a report by row and column), then the
/// import, all or nothing. Checks and imports run in the background (<see cref="ImportDrafts"/>); the page shows their
/// progress (live.js renews it in place; without scripts, a link shows it).
/// </summary>
[Authorize(Policy = Policies.CaseWrite)]
[RequestSizeLimit(ImportDrafts.MaxFileBytes)]
public sealed class ImportModel(ImportDrafts drafts, CurrentUser me, IStringLocalizer<SharedResource> L) : PageModel
{
    /// <summary>Errors shown on the page are capped: a file with every row wrong would otherwise be a page of megabytes.</summary>
    public const int ErrorsShown = 200;

    public ImportDraft? Draft { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public ImportCases.Layout Layout { get; set; } = ImportCases.Layout.Sigur;
    [BindProperty] public Dictionary<string, string> Map { get; set; } = [];

    public IActionResult OnGet(Guid? id)
    {
        if (id is null) return Page();
        Draft = drafts.Find(id.Value, me);
        return Draft is null ? NotFound() : Page();
    }

    [Policy(Policies.CaseWrite)]
    public IActionResult OnPostUpload()
    {
        if (Upload is not { Length: > 0 }) ModelState.AddModelError(nameof(Upload), L["Choose a CSV or Excel (.xlsx) file."]);
        else if (Upload.Length > ImportDrafts.MaxFileBytes) ModelState.AddModelError(nameof(Upload), L["The file is larger than 64 MB."]);
        if (!ModelState.IsValid) return Page();
        List<string[]> records;
        try
        {
            using var buffer = new MemoryStream();
            using (var stream = Upload!.OpenReadStream()) stream.CopyTo(buffer);
            buffer.Position = 0;
            records = ImportCases.ReadFile(buffer, Upload.FileName);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A damaged or disguised file: say so, keep nothing.
            ModelState.AddModelError(nameof(Upload), L["The file could not be read as CSV or Excel (.xlsx)."]);
            return Page();
        }
        var draft = new ImportDraft
        {
            UserId = me.UserId!.Value, OrganisationId = me.OrganisationId!.Value, FileName = System.IO.Path.GetFileName(Upload.FileName), Records = records, Layout = Layout,
        };
        foreach (var field in ImportCases.SigurFields)
            if (draft.Header.FirstOrDefault(h => string.Equals(h, field, StringComparison.OrdinalIgnoreCase)) is { } same) draft.Mapping[field] = same;
        drafts.Add(draft);
        return RedirectToPage(new { id = draft.Id });
    }

    [Policy(Policies.CaseWrite)]
    public IActionResult OnPostCheck(Guid id)
    {
        if (drafts.Find(id, me) is not { } draft) return NotFound();
        if (draft.Layout == ImportCases.Layout.Sigur)
            draft.Mapping = ImportCases.SigurFields.ToDictionary(f => f, f => Map.GetValueOrDefault(f) is { } c && draft.Header.Contains(c) ? c : "", StringComparer.Ordinal);
        return Started(draft, dryRun: true);
    }

    [Policy(Policies.CaseWrite)]
    public IActionResult OnPostImport(Guid id)
    {
        if (drafts.Find(id, me) is not { } draft) return NotFound();
        // Only what was checked is imported: the mapping of the last check, which found no error.
        if (draft.Last is not { DryRun: true, Result: { Succeeded: true } })
        {
            TempData["Message"] = L["Check the file first: the import runs once a check finds no error."].Value;
            return RedirectToPage(new { id });
        }
        return Started(draft, dryRun: false);
    }

    private IActionResult Started(ImportDraft draft, bool dryRun)
    {
        if (!drafts.Start(draft, dryRun, User, HttpContext.Connection.RemoteIpAddress?.ToString()))
            TempData["Message"] = L["A check or import of this file is still running."].Value;
        return RedirectToPage(new { id = draft.Id });
    }
}
