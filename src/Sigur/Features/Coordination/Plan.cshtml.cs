using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Coordination;

/// <summary>The action plan: objectives and activities with their progress, the scorecard of who reported, report forms for the responsible institutions, and the keeper's forms.</summary>
[Authorize(Policy = Policies.Coordination)]
public sealed class PlanModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public ManageActionPlan.PlanView View { get; private set; } = null!;
    public Dictionary<Guid, string> Names { get; private set; } = [];
    public List<Organisation> Organisations { get; private set; } = [];
    public bool Keeps { get; private set; }
    public Guid? MyOrganisation => me.OrganisationId;

    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public Guid ObjectiveId { get; set; }
    [BindProperty] public Guid Responsible { get; set; }
    [BindProperty] public List<Guid> Partners { get; set; } = [];
    [BindProperty] public DateOnly? Deadline { get; set; }
    [BindProperty] public decimal Budget { get; set; }
    [BindProperty] public string Currency { get; set; } = "EUR";
    [BindProperty] public string? Source { get; set; }
    [BindProperty] public string? Indicator { get; set; }
    [BindProperty] public decimal? Baseline { get; set; }
    [BindProperty] public decimal? Target { get; set; }
    [BindProperty] public string? PeriodName { get; set; }
    [BindProperty] public DateOnly? Starts { get; set; }
    [BindProperty] public DateOnly? Ends { get; set; }
    [BindProperty] public long PeriodVersion { get; set; }
    [BindProperty] public Guid PeriodId { get; set; }
    [BindProperty] public ActivityStatus Status { get; set; }
    [BindProperty] public decimal? Actual { get; set; }
    [BindProperty] public string? Narrative { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Policy(ManageActionPlan.Policy)]
    public async Task<IActionResult> OnPostObjectiveAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, (await ManageActionPlan.AddObjective(id, new ManageActionPlan.ObjectiveRequest(Code ?? "", Title ?? ""), db, ct)).Result, ct);

    [Policy(ManageActionPlan.Policy)]
    public async Task<IActionResult> OnPostActivityAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, (await ManageActionPlan.AddActivity(id, new ManageActionPlan.ActivityRequest(ObjectiveId, Code ?? "", Title ?? "", Responsible, Partners,
            Deadline ?? default, (long)Math.Round(Budget * 100), Currency, Source, Indicator, Baseline, Target), db, clock, ct)).Result, ct);

    [Policy(ManageActionPlan.Policy)]
    public async Task<IActionResult> OnPostPeriodAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, (await ManageActionPlan.AddPeriod(id, new ManageActionPlan.PeriodRequest(PeriodName ?? "", Starts ?? default, Ends ?? default), db, ct)).Result, ct);

    [Policy(ManageActionPlan.Policy)]
    public async Task<IActionResult> OnPostLockAsync(Guid id, Guid period, CancellationToken ct) =>
        this.Tell((await ManageActionPlan.Lock(id, period, new ManageActionPlan.LockRequest(PeriodVersion), db, clock, ct)).Result, L, L["The period is locked."],
            () => RedirectToPage("Plan", new { id }), L["Reload and try again."]);

    [Policy(ReportProgress.Policy)]
    public async Task<IActionResult> OnPostReportAsync(Guid id, Guid activity, CancellationToken ct) =>
        await AfterAsync(id, (await ReportProgress.Handle(activity, new ReportProgress.Request(PeriodId, Status, Actual, Narrative), db, me, clock, ct)).Result, ct);

    private Task<IActionResult> AfterAsync(Guid id, IResult result, CancellationToken ct) =>
        this.AnswerAsync(result, L, L["Saved."], () => RedirectToPage("Plan", new { id }), async () => await LoadAsync(id, ct) ? Page() : NotFound());

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await ManageActionPlan.Get(id, db, clock, ct) is not { Result: Ok<ManageActionPlan.PlanView> { Value: { } view } }) return false;
        View = view;
        Keeps = me.May(ManageActionPlan.Policy) && await db.Set<ActionPlan>().AnyAsync(p => p.Id == id && p.OrganisationId == me.OrganisationId, ct);
        Organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Name).ToListAsync(ct);
        Names = Organisations.ToDictionary(o => o.Id, o => o.Name);
        return true;
    }

    public IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> ObjectiveOptions => View.Objectives.Select(o => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem($"{o.Code} {o.Title}", o.Id.ToString()));

    public string NameOf(Guid id) => Names.GetValueOrDefault(id, "–");

    public IEnumerable<ManageActionPlan.PeriodView> OpenPeriodsFor(Guid activity) =>
        View.Periods.Where(p => !p.Locked && !View.Reports.Any(r => r.PeriodId == p.Id && r.ActivityId == activity));
}
