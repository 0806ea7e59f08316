using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Referrals;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Assistance;

/// <summary>A case's assistance plans on one page: every form calls the same use case as the API.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class CaseModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, Notifier notifier, IStringLocalizer<SharedResource> L) : PageModel
{
    public Guid CaseId { get; private set; }
    public string CaseReference { get; private set; } = "";
    public List<PlanView> Plans { get; private set; } = [];
    public List<Organisation> Organisations { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public bool MayWrite => me.May(Policies.CaseWrite);
    public bool MayApprove => me.May(ChangePlan.ApprovalPolicy);
    public Guid? UserId => me.UserId;

    [BindProperty] public string? Needs { get; set; }
    [BindProperty] public string? Goals { get; set; }
    [BindProperty] public DateOnly? NextReviewOn { get; set; }
    [BindProperty] public string? Summary { get; set; }
    [BindProperty] public ServiceType ServiceType { get; set; }
    [BindProperty] public Guid Provider { get; set; }
    [BindProperty] public DateOnly? On { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public decimal? Cost { get; set; }
    [BindProperty] public string? Currency { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken ct) => await LoadAsync(caseId, ct) ? Page() : NotFound();

    [Policy(CreatePlan.Policy)]
    public Task<IActionResult> OnPostCreateAsync(Guid caseId, CancellationToken ct) => Write(caseId, async () =>
        (await CreatePlan.Handle(caseId, new CreatePlan.Request(Needs ?? "", Goals ?? "", NextReviewOn ?? default), db, me, clock, ct)).Result, ct);

    [Policy(ChangePlan.Policy)]
    public Task<IActionResult> OnPostEditAsync(Guid caseId, Guid planId, long version, CancellationToken ct) => Write(caseId, async () =>
        (await ChangePlan.EditDraft(planId, new ChangePlan.Edit(version, Needs ?? "", Goals ?? "", NextReviewOn ?? default), db, me, clock, notifier, ct)).Result, ct);

    [Policy(ChangePlan.Policy)]
    public Task<IActionResult> OnPostSubmitAsync(Guid caseId, Guid planId, long version, CancellationToken ct) => Write(caseId, async () =>
        (await ChangePlan.Submit(planId, new ChangePlan.Step(version), db, me, notifier, ct)).Result, ct);

    [Policy(ChangePlan.ApprovalPolicy)]
    public Task<IActionResult> OnPostDecideAsync(Guid caseId, Guid planId, long version, bool approve, CancellationToken ct) => Write(caseId, async () =>
        (await ChangePlan.Decide(planId, new ChangePlan.Decision(version, approve), db, me, clock, notifier, ct)).Result, ct);

    [Policy(ChangePlan.Policy)]
    public Task<IActionResult> OnPostReviewAsync(Guid caseId, Guid planId, long version, CancellationToken ct) => Write(caseId, async () =>
        (await ChangePlan.RecordReview(planId, new ChangePlan.Review(version, NextReviewOn ?? default), db, me, clock, notifier, ct)).Result, ct);

    [Policy(ChangePlan.Policy)]
    public Task<IActionResult> OnPostClosureAsync(Guid caseId, Guid planId, long version, CancellationToken ct) => Write(caseId, async () =>
        (await ChangePlan.RequestClosure(planId, new ChangePlan.Closure(version, Summary ?? ""), db, me, clock, notifier, ct)).Result, ct);

    [Policy(ChangePlan.ApprovalPolicy)]
    public Task<IActionResult> OnPostCloseDecisionAsync(Guid caseId, Guid planId, long version, bool approve, CancellationToken ct) => Write(caseId, async () =>
        (await ChangePlan.DecideClosure(planId, new ChangePlan.Decision(version, approve), db, me, clock, notifier, ct)).Result, ct);

    [Policy(PlanServices.Policy)]
    public Task<IActionResult> OnPostServiceAsync(Guid caseId, Guid planId, CancellationToken ct) => Write(caseId, async () =>
        (await PlanServices.Plan(planId, new PlanServices.Planned(ServiceType, Provider, On ?? default), db, me, clock, ct)).Result, ct);

    [Policy(PlanServices.Policy)]
    public Task<IActionResult> OnPostDeliverAsync(Guid caseId, Guid planId, Guid serviceId, CancellationToken ct) => Write(caseId, async () =>
        (await PlanServices.Deliver(planId, serviceId, new PlanServices.Delivery(On ?? default, Outcome ?? "",
            Cost is { } cost ? (long)Math.Round(cost * 100m) : null, string.IsNullOrWhiteSpace(Currency) ? null : Currency.Trim().ToUpperInvariant()), db, me, clock, ct)).Result, ct);

    private async Task<IActionResult> Write(Guid caseId, Func<Task<IResult>> action, CancellationToken ct) =>
        await this.AnswerAsync(await action(), L, L["Saved."], () => RedirectToPage("Case", new { caseId }),
            async () => await LoadAsync(caseId, ct) ? Page() : NotFound());

    private async Task<bool> LoadAsync(Guid caseId, CancellationToken ct)
    {
        Today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (await ListPlans.Handle(caseId, db, audit, ct) is not { Result: Ok<List<PlanView>> { Value: { } plans } }) return false;
        (CaseId, Plans) = (caseId, plans);
        CaseReference = await db.Cases.Where(c => c.Id == caseId).Select(c => c.Reference).SingleAsync(ct);
        Organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Name).ToListAsync(ct);
        return true;
    }

    public string OrganisationName(Guid id) => Organisations.FirstOrDefault(o => o.Id == id)?.Name ?? "–";
}
