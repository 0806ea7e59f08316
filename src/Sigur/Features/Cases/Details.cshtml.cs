using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Cases;

/// <summary>
/// A case with its person (<see cref="GetCase"/>, audited as a read). The identification status changes on the
/// Identification page, by a decision. The quick status change posts the versions the
/// page was rendered with, so <see cref="EditCase"/> refuses it when someone saved the case in between.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class DetailsModel(SigurDb db, Platform.Audit.Audit audit, TimeProvider clock, Statistics.StatisticsSettings statistics, IStringLocalizer<SharedResource> L) : PageModel
{
    public CaseDetail Case { get; private set; } = null!;
    [BindProperty] public long Version { get; set; }
    [BindProperty] public long PersonVersion { get; set; }
    [BindProperty] public CaseStatus Status { get; set; }
    public bool Conflict { get; private set; }
    /// <summary>The data groups a referral's consent shares with this organisation, or null when it reads the case in full.</summary>
    public IReadOnlySet<DataGroup>? Shared { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Version = Case.Version;
        PersonVersion = Case.Person.Version;
        Status = Case.Status;
        return Page();
    }

    [Policy(EditCase.Policy)]
    public async Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var input = CaseForm.From(Case);
        input.Status = Status;
        var result = await EditCase.Handle(id, new EditCase.Request(Version, PersonVersion, input.ToCase(), input.ToPerson()), db, clock, ct, statistics);
        return await this.AnswerAsync(result, L, L["The status was saved."], () => RedirectToPage("Details", new { id }),
            // Invalid input here means the stored record failed today's checks (it was valid when saved): edit it in full.
            () => Task.FromResult<IActionResult>(Conflict ? Page() : RedirectToPage("Edit", new { id })),
            new() { Conflict = () => Conflict = true });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await GetCase.Handle(id, db, audit, clock, ct);
        if (result.Result is not Ok<CaseDetail> { Value: { } detail }) return false;
        Case = detail;
        Shared = Disclosure.AllowedForCase(db, detail.Id, detail.OrganisationId);
        return true;
    }
}
