using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>A suspect's file, and linking them to a case by its reference (<see cref="LinkSuspect"/>).</summary>
[Authorize(Policy = Policies.Justice)]
public sealed class SuspectModel(SigurDb db, Platform.Audit.Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public GetSuspect.SuspectDetail S { get; private set; } = null!;

    [BindProperty] public string CaseReference { get; set; } = "";
    [BindProperty] public List<string> RolesInProcess { get; set; } = [];
    [BindProperty] public RelationToVictim RelationToVictim { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Policy(LinkSuspect.Policy)]
    public async Task<IActionResult> OnPostLinkAsync(Guid id, CancellationToken ct)
    {
        var caseId = await db.Cases.AsNoTracking().Where(c => c.Reference == CaseReference.Trim()).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
        if (caseId is null)
        {
            ModelState.AddModelError(nameof(CaseReference), L["No such case in your organisation."]);
            return await AgainAsync(id, ct);
        }
        var result = await LinkSuspect.Handle(caseId.Value, new LinkSuspect.Request(id, RolesInProcess, RelationToVictim), db, clock, ct);
        // A case out of reach is named beside its reference; a link made at the same moment (409) is said in the summary.
        return await this.AnswerAsync(result, L, L["Saved."], () => RedirectToPage("Suspect", new { id }),
            () => AgainAsync(id, ct), new PageAnswer { NotFound = message => ModelState.AddModelError(nameof(CaseReference), message) });
    }

    private async Task<IActionResult> AgainAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await GetSuspect.Handle(id, db, audit, ct)).Result is not Ok<GetSuspect.SuspectDetail> { Value: { } s }) return false;
        S = s;
        return true;
    }
}
