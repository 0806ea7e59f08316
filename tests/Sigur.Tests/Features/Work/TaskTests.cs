using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Data;
using Sigur.Features.Assistance;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Features.Referrals;
using Sigur.Features.Work;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Work;

/// <summary>Tasks written by people and derived by Sigur, "My work", the supervisor's caseload and reassignments.</summary>
public sealed class TaskTests : IClassFixture<AppPool>
{
    private static async Task<MyWork.Response> WorkOf(HttpClient client) => await (await client.GetAsync("/api/v1/work")).ReadAsync<MyWork.Response>();

    [Theory, BothProviders]
    public async Task Sigur_makes_one_task_per_waiting_record_and_ends_it_when_the_record_stops_waiting(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        // Registered with an intake months ago: the first identification decision is overdue at once.
        var c = await worker.RegisterAsync();

        var first = await WorkOf(worker);
        var again = await WorkOf(worker);
        var due = Assert.Single(first.MyTasks, t => t.CaseId == c.Id);
        Assert.Equal(CaseTaskKind.ClockDue, due.Kind);
        Assert.True(due.CreatedBySigur);
        Assert.True(due.Overdue);
        Assert.Contains(first.Overdue, t => t.Id == due.Id);
        Assert.Equal(due.Id, Assert.Single(again.MyTasks, t => t.CaseId == c.Id).Id);
        Assert.Equal(1, await app.WithDbAsync(db => db.CaseTasks().IgnoreQueryFilters().CountAsync(t => t.CaseId == c.Id)));

        // The decision is taken: the clock stops, and its task ends by itself.
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/identification/decisions",
            new DecideIdentification.Request(IdentificationStatus.Presumed, DateOnly.FromDateTime(DateTime.UtcNow), DecidingBodyType.Ngo, "Test"))).StatusCode);
        Assert.DoesNotContain((await WorkOf(worker)).MyTasks, t => t.CaseId == c.Id && t.Kind == CaseTaskKind.ClockDue);
        var ended = await app.WithDbAsync(db => db.CaseTasks().IgnoreQueryFilters().SingleAsync(t => t.Id == due.Id));
        Assert.Equal(CaseTaskStatus.Done, ended.Status);
        Assert.Null(ended.EndedBy);
    }

    /// <summary>The invariant the unique source key keeps: however many runs meet, one task per waiting record.</summary>
    [Theory, BothProviders]
    public async Task Runs_that_meet_make_one_task_per_source(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        var cases = new List<Guid>();
        for (var i = 0; i < 6; i++) cases.Add((await worker.RegisterAsync()).Id);
        var now = DateTime.UtcNow;

        await Parallel.ForEachAsync(Enumerable.Range(0, 16), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            // Half as the system across organisations (the background run), half as the organisation's own (the page).
            await DeriveTasks.RunAsync(scope.ServiceProvider.GetRequiredService<SigurDb>(), i % 2 == 0 ? null : org.Id, DateOnly.FromDateTime(now), now, ct);
        });

        var tasks = await app.WithDbAsync(db => db.CaseTasks().IgnoreQueryFilters().Where(t => cases.Contains(t.CaseId)).ToListAsync());
        Assert.Equal(6, tasks.Count);
        Assert.Equal(6, tasks.Select(t => t.SourceKey).Distinct().Count());
        Assert.All(tasks, t => Assert.Equal(CaseTaskStatus.Open, t.Status));
    }

    [Theory, BothProviders]
    public async Task A_written_task_is_in_my_work_is_given_on_by_a_supervisor_and_ends_done(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var workerClient = await app.SignInAsync(worker);
        var supervisor = await app.NewUserAsync(Role.Supervisor, org.Id);
        var supervisorClient = await app.SignInAsync(supervisor);
        var stranger = await app.ClientAsync(Role.Supervisor, (await app.NewOrganisationAsync()).Id);
        var c = await workerClient.RegisterAsync();
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

        var refused = await workerClient.PostJsonAsync($"/api/v1/cases/{c.Id}/tasks", new WriteTask.Request("", tomorrow));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await workerClient.PostJsonAsync($"/api/v1/cases/{c.Id}/tasks",
            new WriteTask.Request("Call the school", tomorrow, (await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id)).Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/cases/{c.Id}/tasks", new WriteTask.Request("Call the school", tomorrow))).StatusCode);
        var written = await (await workerClient.PostJsonAsync($"/api/v1/cases/{c.Id}/tasks", new WriteTask.Request("Call the school", tomorrow))).ReadAsync<TaskView>();

        // Unassigned: the responsible worker's (the one who registered the case).
        Assert.Contains((await WorkOf(workerClient)).MyTasks, t => t.Id == written.Id);
        Assert.DoesNotContain((await WorkOf(supervisorClient)).MyTasks, t => t.Id == written.Id);

        // Only a supervisor gives a task on, and only to a colleague.
        Assert.Equal(HttpStatusCode.Forbidden, (await workerClient.PostJsonAsync($"/api/v1/tasks/{written.Id}/assignee", new ChangeTask.Reassignment(written.Version, supervisor.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/tasks/{written.Id}/assignee", new ChangeTask.Reassignment(written.Version, null))).StatusCode);
        var given = await (await supervisorClient.PostJsonAsync($"/api/v1/tasks/{written.Id}/assignee", new ChangeTask.Reassignment(written.Version, supervisor.Id))).ReadAsync<TaskView>();
        Assert.Equal(supervisor.Id, given.AssigneeUserId);
        Assert.Contains((await WorkOf(supervisorClient)).MyTasks, t => t.Id == written.Id);
        Assert.DoesNotContain((await WorkOf(workerClient)).MyTasks, t => t.Id == written.Id);

        // The caseload: the worker answers for the case; the supervisor carries the task now.
        var load = await (await supervisorClient.GetAsync("/api/v1/caseload")).ReadAsync<Caseload.Response>();
        Assert.Equal(1, load.Team.Single(m => m.UserId == worker.Id).Cases);
        Assert.Equal(1, load.Team.Single(m => m.UserId == supervisor.Id).OpenTasks);
        Assert.Equal(HttpStatusCode.Forbidden, (await workerClient.GetAsync("/api/v1/caseload")).StatusCode);

        // Stale versions are refused; done is done.
        Assert.Equal(HttpStatusCode.Conflict, (await supervisorClient.PostJsonAsync($"/api/v1/tasks/{written.Id}/done", new ChangeTask.Step(written.Version))).StatusCode);
        var done = await (await supervisorClient.PostJsonAsync($"/api/v1/tasks/{written.Id}/done", new ChangeTask.Step(given.Version))).ReadAsync<TaskView>();
        Assert.Equal(CaseTaskStatus.Done, done.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await workerClient.PostJsonAsync($"/api/v1/tasks/{written.Id}/cancel", new ChangeTask.Step(done.Version))).StatusCode);
        Assert.DoesNotContain((await WorkOf(supervisorClient)).MyTasks, t => t.Id == written.Id);
    }

    [Theory, BothProviders]
    public async Task A_supervisor_gives_the_case_to_a_colleague_who_is_told_and_carries_its_tasks(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var first = await app.ClientAsync(Role.CaseWorker, org.Id);
        var second = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var secondClient = await app.SignInAsync(second);
        var supervisor = await app.ClientAsync(Role.Supervisor, org.Id);
        var c = await first.RegisterAsync();
        var tasks = await (await first.GetAsync($"/api/v1/cases/{c.Id}/tasks")).ReadAsync<ListTasks.Response>();

        Assert.Equal(HttpStatusCode.Forbidden, (await first.PutJsonAsync($"/api/v1/cases/{c.Id}/responsibility", new AssignResponsibility.Request(tasks.CaseVersion, second.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutJsonAsync($"/api/v1/cases/{c.Id}/responsibility",
            new AssignResponsibility.Request(tasks.CaseVersion, (await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id)).Id))).StatusCode);
        var assigned = await (await supervisor.PutJsonAsync($"/api/v1/cases/{c.Id}/responsibility", new AssignResponsibility.Request(tasks.CaseVersion, second.Id))).ReadAsync<AssignResponsibility.Response>();
        Assert.Equal(second.Id, assigned.ResponsibleUserId);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PutJsonAsync($"/api/v1/cases/{c.Id}/responsibility", new AssignResponsibility.Request(tasks.CaseVersion, null))).StatusCode);

        var notices = await (await secondClient.GetAsync("/api/v1/notifications")).ReadAsync<Sigur.Platform.Notifications.NotificationApi.Response>();
        var told = Assert.Single(notices.Items, n => n.Kind == "Work.CaseAssigned");
        Assert.Equal([c.Reference], told.Arguments);
        Assert.DoesNotContain("Petrović", told.Text, StringComparison.Ordinal);
        // The overdue identification deadline (no assignee: the clock names the registering worker) and the unassigned tasks follow the case.
        var written = await (await first.PostJsonAsync($"/api/v1/cases/{c.Id}/tasks", new WriteTask.Request("Visit at home", DateOnly.FromDateTime(DateTime.UtcNow)))).ReadAsync<TaskView>();
        Assert.Contains((await WorkOf(secondClient)).MyTasks, t => t.Id == written.Id);
        Assert.DoesNotContain((await WorkOf(first)).MyTasks, t => t.Id == written.Id);
    }

    [Theory, BothProviders]
    public async Task A_referral_is_the_recipients_task_and_a_plan_waits_for_a_supervisor(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var shelter = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var supervisor = await app.ClientAsync(Role.Supervisor, holder.Id);
        var staff = await app.ClientAsync(Role.ShelterStaff, shelter.Id);
        var c = await worker.RegisterAsync();
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/consents", new RecordConsent.Request(ConsentGiver.Person, [shelter.Id],
            [DataGroup.Identity], "Shelter", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1)))).StatusCode);
        var referral = await (await worker.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(c.Id, shelter.Id, [ServiceType.Accommodation]))).ReadAsync<ReferralView>();

        var answer = Assert.Single((await WorkOf(staff)).NewReferrals, t => t.CaseId == c.Id);
        Assert.Equal(CaseTaskKind.ReferralToAnswer, answer.Kind);
        Assert.DoesNotContain((await WorkOf(worker)).NewReferrals, t => t.CaseId == c.Id);
        // The recipient reads the case and its own tasks, never who answers for it at the holder.
        var seen = await (await staff.GetAsync($"/api/v1/cases/{c.Id}/tasks")).ReadAsync<ListTasks.Response>();
        Assert.False(seen.Held);
        Assert.Null(seen.ResponsibleUserId);
        Assert.Equal([answer.Id], seen.Tasks.Select(t => t.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/cases/{c.Id}/closure")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/referrals/{referral.Id}/accept", null)).StatusCode);
        Assert.DoesNotContain((await WorkOf(staff)).NewReferrals, t => t.CaseId == c.Id);

        var plan = await (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/assistance-plans",
            new CreatePlan.Request("Needs housing", "Safe housing", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)))).ReadAsync<PlanView>();
        plan = await (await worker.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/submit", new ChangePlan.Step(plan.Version))).ReadAsync<PlanView>();
        Assert.Contains((await WorkOf(supervisor)).ApprovalsWaiting, t => t.CaseId == c.Id && t.Kind == CaseTaskKind.ApprovalWaiting);
        Assert.Empty((await WorkOf(worker)).ApprovalsWaiting);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/decision", new ChangePlan.Decision(plan.Version, true))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/decision", new ChangePlan.Decision(plan.Version, true))).StatusCode);
        Assert.DoesNotContain((await WorkOf(supervisor)).ApprovalsWaiting, t => t.CaseId == c.Id);
    }
}
