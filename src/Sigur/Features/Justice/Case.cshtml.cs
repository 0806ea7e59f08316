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

/// <summary>
/// A case's criminal proceedings. Everyone who reads the case sees the victim's side (<see cref="GetProceeding.ForVictim"/>);
/// police, prosecution and the coordinator also open proceedings here and see the suspects and accepted qualifications.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class CaseModel(SigurDb db, OffenceCatalogue catalogue, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public string CaseReference { get; private set; } = "";
    public IReadOnlyList<GetProceeding.VictimView> Proceedings { get; private set; } = [];
    public IReadOnlyList<GetSuspect.SuspectSummary> Suspects { get; private set; } = [];
    public IReadOnlyList<AcceptQualification.Decision> Qualifications { get; private set; } = [];
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public bool IsJustice => me.May(Policies.Justice);

    [BindProperty] public string Country { get; set; } = "RS";
    [BindProperty] public ProceedingStage Stage { get; set; } = ProceedingStage.PoliceInvestigation;
    [BindProperty] public DateOnly Date { get; set; }
    [BindProperty] public string? Reference { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken ct)
    {
        Date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return await LoadAsync(caseId, ct) ? Page() : NotFound();
    }

    [Policy(OpenProceeding.Policy)]
    public async Task<IActionResult> OnPostOpenAsync(Guid caseId, CancellationToken ct)
    {
        var result = await OpenProceeding.Handle(caseId, new OpenProceeding.Request(Country, Stage, Date, Reference), db, catalogue, me, clock, ct);
        return await this.AnswerAsync<OpenProceeding.Response>(result, L, _ => null, created => RedirectToPage("Proceeding", new { id = created.Id }),
            async () => await LoadAsync(caseId, ct) ? Page() : NotFound(), new() { Fields = ["Country", "Stage", "Date", "Reference"] });
    }

    private async Task<bool> LoadAsync(Guid caseId, CancellationToken ct)
    {
        var reference = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.Reference).SingleOrDefaultAsync(ct);
        if (reference is null) return false;
        CaseReference = reference;
        if ((await GetProceeding.ForVictim(caseId, db, audit, ct)).Result is Ok<IReadOnlyList<GetProceeding.VictimView>> { Value: { } views }) Proceedings = views;
        if (IsJustice)
        {
            if ((await GetSuspect.OfCase(caseId, db, audit, ct)).Result is Ok<IReadOnlyList<GetSuspect.SuspectSummary>> { Value: { } s }) Suspects = s;
            if ((await AcceptQualification.List(caseId, db, audit, ct)).Result is Ok<IReadOnlyList<AcceptQualification.Decision>> { Value: { } q }) Qualifications = q;
            Countries = [.. (await catalogue.EffectiveAsync(db, ct)).Select(e => e.Document.Country).Distinct()];
        }
        return true;
    }
}
