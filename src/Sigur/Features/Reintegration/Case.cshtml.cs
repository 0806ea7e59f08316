using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Reintegration;

/// <summary>A case's reintegration follow-up and voluntary return on one page; every form calls the same use case as the API.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class CaseModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public Guid CaseId { get; private set; }
    public string CaseReference { get; private set; } = "";
    public CaseReintegrationView View { get; private set; } = new([], []);
    public bool MayWrite => me.May(Policies.CaseWrite);

    [BindProperty] public DateOnly? On { get; set; }
    [BindProperty] public Situation Housing { get; set; }
    [BindProperty] public Situation Work { get; set; }
    [BindProperty] public Situation Education { get; set; }
    [BindProperty] public Situation Health { get; set; }
    [BindProperty] public RiskLevel Risk { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public ReintegrationOutcome Outcome { get; set; }
    [BindProperty] public string? Country { get; set; }
    [BindProperty] public string? RiskAssessment { get; set; }
    [BindProperty] public string? FamilySituation { get; set; }
    [BindProperty] public string? ServicesAtDestination { get; set; }
    [BindProperty] public string? Travel { get; set; }
    [BindProperty] public string? Reception { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken ct) => await LoadAsync(caseId, ct) ? Page() : NotFound();

    private FollowReintegration.Contact Contact => new(On ?? default, Housing, Work, Education, Health, Risk, Note);

    [Policy(FollowReintegration.Policy)]
    public Task<IActionResult> OnPostStartAsync(Guid caseId, CancellationToken ct) => Write(caseId, async () =>
        (await FollowReintegration.Begin(caseId, new FollowReintegration.Start(On ?? default), db, me, clock, ct)).Result, ct);

    [Policy(FollowReintegration.Policy)]
    public Task<IActionResult> OnPostContactAsync(Guid caseId, Guid id, CancellationToken ct) => Write(caseId, async () =>
        (await FollowReintegration.RecordContact(id, Contact, db, me, clock, ct)).Result, ct);

    [Policy(FollowReintegration.Policy)]
    public Task<IActionResult> OnPostCloseAsync(Guid caseId, Guid id, long version, CancellationToken ct) => Write(caseId, async () =>
        (await FollowReintegration.Close(id, new FollowReintegration.Closure(version, On ?? default, Outcome, Note), db, me, clock, ct)).Result, ct);

    [Policy(PlanReturn.Policy)]
    public Task<IActionResult> OnPostReturnAsync(Guid caseId, CancellationToken ct) => Write(caseId, async () =>
        (await PlanReturn.Handle(caseId, new PlanReturn.Request(Country?.Trim().ToUpperInvariant() ?? "", Risk, RiskAssessment ?? "", FamilySituation ?? "",
            ServicesAtDestination ?? "", Travel ?? "", Reception ?? "", On ?? default), db, me, clock, ct)).Result, ct);

    [Policy(PlanReturn.Policy)]
    public Task<IActionResult> OnPostDepartAsync(Guid caseId, Guid id, long version, CancellationToken ct) => Write(caseId, async () =>
        (await PlanReturn.Depart(id, new PlanReturn.Departure(version, On ?? default), db, me, clock, ct)).Result, ct);

    [Policy(PlanReturn.Policy)]
    public Task<IActionResult> OnPostCancelAsync(Guid caseId, Guid id, long version, CancellationToken ct) => Write(caseId, async () =>
        (await PlanReturn.Cancel(id, new PlanReturn.Cancellation(version), db, me, ct)).Result, ct);

    [Policy(PlanReturn.Policy)]
    public Task<IActionResult> OnPostFollowUpAsync(Guid caseId, Guid id, CancellationToken ct) => Write(caseId, async () =>
        (await PlanReturn.FollowUp(id, Contact, db, me, clock, ct)).Result, ct);

    private async Task<IActionResult> Write(Guid caseId, Func<Task<IResult>> action, CancellationToken ct)
    {
        switch (ModelState.Take(await action(), L))
        {
            case Shared.Outcome.NotFound: return NotFound();
            case Shared.Outcome.Done:
                TempData["Message"] = L["Saved."].Value;
                return RedirectToPage("Case", new { caseId });
            default: return await LoadAsync(caseId, ct) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid caseId, CancellationToken ct)
    {
        if (await GetReintegration.Handle(caseId, db, me, audit, ct) is not { Result: Ok<CaseReintegrationView> { Value: { } view } }) return false;
        (CaseId, View) = (caseId, view);
        CaseReference = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync(ct);
        return true;
    }
}
