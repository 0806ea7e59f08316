using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Work;

/// <summary>A case's tasks and who answers for it: write a task, end one, and (supervisors) give the case or a task to someone.</summary>
[Authorize(Policy = ListTasks.Policy)]
public sealed class CaseModel(SigurDb db, CurrentUser me, TimeProvider clock, Platform.Audit.Audit audit, Notifier notifier, IStringLocalizer<SharedResource> L) : PageModel
{
    public ListTasks.Response Tasks { get; private set; } = null!;
    public List<WorkTeam.Member> Team { get; private set; } = [];
    public bool MayWrite => me.May(WriteTask.Policy) && Tasks.Held && !Tasks.Closed;
    public bool MaySupervise => me.May(Policies.Supervise) && Tasks.Held;

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateOnly? DueOn { get; set; }
    [BindProperty] public Guid? Assignee { get; set; }
    [BindProperty] public Guid? Responsible { get; set; }
    [BindProperty] public List<Guid> Deputies { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken ct) => await LoadAsync(caseId, ct) ? Page() : NotFound();

    [Policy(WriteTask.Policy)]
    public async Task<IActionResult> OnPostWriteAsync(Guid caseId, CancellationToken ct) =>
        Back(caseId, await WriteTask.Handle(caseId, new WriteTask.Request(Title ?? "", DueOn ?? default, Assignee), db, me, clock, ct), L["The task was written."]);

    [Policy(ChangeTask.Policy)]
    public async Task<IActionResult> OnPostDoneAsync(Guid caseId, Guid id, long version, CancellationToken ct) =>
        Back(caseId, await ChangeTask.Done(id, new ChangeTask.Step(version), db, me, clock, ct), L["The task is done."]);

    [Policy(ChangeTask.Policy)]
    public async Task<IActionResult> OnPostCancelAsync(Guid caseId, Guid id, long version, CancellationToken ct) =>
        Back(caseId, await ChangeTask.Cancel(id, new ChangeTask.Step(version), db, me, clock, ct), L["The task was cancelled."]);

    [Policy(ChangeTask.ReassignPolicy)]
    public async Task<IActionResult> OnPostReassignAsync(Guid caseId, Guid id, long version, CancellationToken ct) =>
        Back(caseId, await ChangeTask.Reassign(id, new ChangeTask.Reassignment(version, Assignee), db, me, clock, ct), L["The task was given to someone else."]);

    [Policy(AssignResponsibility.Policy)]
    public async Task<IActionResult> OnPostResponsibilityAsync(Guid caseId, long version, CancellationToken ct) =>
        Back(caseId, await AssignResponsibility.Handle(caseId, new AssignResponsibility.Request(version, Responsible, Deputies), db, me, notifier, ct),
            L["Who answers for the case was saved."]);

    private IActionResult Back(Guid caseId, IResult result, string saved) =>
        this.Tell(result, L, saved, () => RedirectToPage("Case", new { caseId }), L["Check what you entered: a task needs what to do and a date."]);

    private async Task<bool> LoadAsync(Guid caseId, CancellationToken ct)
    {
        if ((await ListTasks.Handle(caseId, db, me, clock, audit, ct)).Result is not Ok<ListTasks.Response> { Value: { } tasks }) return false;
        Tasks = tasks;
        Team = await WorkTeam.OfAsync(db, me.OrganisationId ?? Guid.Empty, ct);
        return true;
    }

    public string NameOf(Guid? id) => id is { } u ? Team.FirstOrDefault(m => m.Id == u)?.DisplayName ?? "–" : "–";
}
