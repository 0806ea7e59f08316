using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>
/// The offence catalogues: every edition in force, one edition article by article ("to be confirmed" shown where it
/// is), and for administrators the JSON editor (<see cref="EditCatalogue"/>) with the history of revisions.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class CatalogueModel(SigurDb db, OffenceCatalogue catalogue, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public GetCatalogue.ListResponse? List { get; private set; }
    public GetCatalogue.EditionDetail? Edition { get; private set; }
    public IReadOnlyList<GetCatalogue.RevisionSummary> History { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public bool MayEdit => me.May(Policies.Administration);

    [BindProperty] public int BaseRevision { get; set; }
    [BindProperty] public string Json { get; set; } = "";
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(string? country, string? edition, CancellationToken ct)
    {
        if (!await LoadAsync(country, edition, ct)) return NotFound();
        if (Edition is not null)
        {
            BaseRevision = Edition.Revision;
            Json = Edition.Json;
        }
        return Page();
    }

    [Policy(EditCatalogue.Policy)]
    public async Task<IActionResult> OnPostSaveAsync(string? country, string? edition, CancellationToken ct)
    {
        if (country is null || edition is null) return NotFound();
        var result = await EditCatalogue.Handle(country, edition, new EditCatalogue.Request(BaseRevision, Json, Note), db, catalogue, me, audit, clock, ct);
        return await this.AnswerAsync<EditCatalogue.Response>(result, L, saved => string.Format(L["Revision {0} saved."], saved.Revision),
            _ => RedirectToPage("Catalogue", new { country, edition }), async () =>
            {
                await LoadAsync(country, edition, ct, keepForm: true);
                return Page();
            },
            // The document's problems are listed above the editor, as the parser words them.
            new() { Invalid = errors => Problems = [.. errors.SelectMany(e => e.Value)], Refused = refusal => Problems = [refusal] });
    }

    [Policy(EditCatalogue.Policy)]
    public async Task<IActionResult> OnPostReloadAsync(CancellationToken ct)
    {
        var problems = catalogue.Reload();
        TempData["Message"] = problems.Count == 0 ? L["The catalogue files were read again."].Value
            : L["Some catalogue files have problems; their previous versions stay in force."].Value;
        return RedirectToPage("Catalogue");
        // The problems themselves are listed on the page (List.Problems) until the files are fixed.
    }

    private async Task<bool> LoadAsync(string? country, string? edition, CancellationToken ct, bool keepForm = false)
    {
        List = (await GetCatalogue.List(db, catalogue, ct)).Value;
        if (country is null || edition is null) return true;
        if ((await GetCatalogue.One(country, edition, db, catalogue, ct)).Result is Ok<GetCatalogue.EditionDetail> { Value: { } detail })
            Edition = detail;
        else if (!(MayEdit && keepForm)) return MayEdit; // an administrator may start a new edition at a new address
        if (MayEdit && (await GetCatalogue.History(country, edition, db, catalogue, ct)).Result is Ok<IReadOnlyList<GetCatalogue.RevisionSummary>> { Value: { } h })
            History = h;
        return true;
    }
}
