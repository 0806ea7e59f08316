using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Coordination;

/// <summary>The workspace's front page: the bodies the institution convenes or sits in, a form to convene one, and the decisions to follow up.</summary>
[Authorize(Policy = Policies.Coordination)]
public sealed class IndexModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<ManageBodies.BodyView> Bodies { get; private set; } = [];
    public List<RecordDecision.DecisionView> Decisions { get; private set; } = [];
    public List<ManageActionPlan.PlanSummary> Plans { get; private set; } = [];
    public Dictionary<Guid, string> Names { get; private set; } = [];
    public bool Manages => me.May(ManageBodies.Policy);
    public Guid? MyOrganisation => me.OrganisationId;

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public BodyKind Kind { get; set; }
    [BindProperty] public Guid? ParentBodyId { get; set; }
    [BindProperty] public string? PlanTitle { get; set; }
    [BindProperty] public DateOnly? PlanStarts { get; set; }
    [BindProperty] public DateOnly? PlanEnds { get; set; }
    [BindProperty] public long DecisionVersion { get; set; }
    [BindProperty] public FollowUpStatus Status { get; set; }
    [BindProperty] public string? FollowUp { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [Policy(ManageBodies.Policy)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct) =>
        await this.AnswerAsync<ManageBodies.BodyView>((await ManageBodies.Create(new ManageBodies.Request(Name ?? "", Kind, ParentBodyId), db, me, clock, ct)).Result, L,
            _ => L["Saved."], body => RedirectToPage("Body", new { id = body.Id }), async () => { await LoadAsync(ct); return Page(); });

    [Policy(ManageActionPlan.Policy)]
    public async Task<IActionResult> OnPostPlanAsync(CancellationToken ct) =>
        await this.AnswerAsync<ManageActionPlan.PlanSummary>((await ManageActionPlan.Create(new ManageActionPlan.PlanRequest(PlanTitle ?? "", PlanStarts ?? default, PlanEnds ?? default),
            db, me, ct)).Result, L, _ => L["Saved."], plan => RedirectToPage("Plan", new { id = plan.Id }), async () => { await LoadAsync(ct); return Page(); });

    [Policy(RecordDecision.FollowUpPolicy)]
    public async Task<IActionResult> OnPostFollowUpAsync(Guid decision, CancellationToken ct) =>
        this.Tell((await RecordDecision.FollowUp(decision, new RecordDecision.FollowUpRequest(DecisionVersion, Status, FollowUp), db, me, clock, ct)).Result, L,
            L["Saved."], () => RedirectToPage("Index"), L["Check the follow-up and try again."]);

    private async Task LoadAsync(CancellationToken ct)
    {
        Bodies = await ManageBodies.List(db, me, ct);
        Decisions = await RecordDecision.List(db, me, clock, ct);
        Plans = await ManageActionPlan.List(db, ct);
        var ids = Bodies.Select(b => b.ConvenerOrganisationId).Concat(Decisions.Select(d => d.OwnerInstitutionId)).Distinct().ToList();
        Names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        foreach (var b in Bodies) Names[b.Id] = b.Name;
    }

    public string NameOf(Guid id) => Names.GetValueOrDefault(id, "–");
}
