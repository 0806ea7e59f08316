using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>
/// Edits a case and its person (<see cref="EditCase"/>). The versions read travel in hidden fields; when someone
/// saved in between, the page says so, keeps what the user typed, and offers to reload.
/// </summary>
[Authorize(Policy = Policies.CaseWrite)]
public sealed class EditModel(SigurDb db, Platform.Audit.Audit audit, TimeProvider clock, Statistics.StatisticsSettings statistics, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public CaseForm Form { get; set; } = new();
    [BindProperty] public long Version { get; set; }
    [BindProperty] public long PersonVersion { get; set; }
    public string Reference { get; private set; } = "";
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await GetCase.Handle(id, db, audit, clock, ct);
        if (result.Result is not Ok<CaseDetail> { Value: { } c }) return NotFound();
        Form = CaseForm.From(c);
        Version = c.Version;
        PersonVersion = c.Person.Version;
        Reference = c.Reference;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Reference = Request.Form["Reference"].ToString();
        if (!ModelState.IsValid) return Page();
        var result = await EditCase.Handle(id, new EditCase.Request(Version, PersonVersion, Form.ToCase(), Form.ToPerson()), db, clock, ct, statistics);
        return await this.AnswerAsync(result, L, L["The case was saved."], () => RedirectToPage("Details", new { id }),
            how: new() { Prefix = nameof(Form), Fields = CaseForm.Fields, Conflict = () => Conflict = true });
    }
}
