using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Coordination;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Coordination;

public sealed class ActionPlanTests : IClassFixture<AppPool>
{
    private sealed record Fixture(HttpClient Secretariat, Organisation Ministry, HttpClient Ministry1, Organisation Ngo, HttpClient NgoMember,
        ManageActionPlan.PlanSummary Plan, ManageActionPlan.ActivityView Activity, ManageActionPlan.ActivityView Other, ManageActionPlan.PeriodView Period);

    private static async Task<Fixture> PlanAsync(TestApp app)
    {
        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var ministry = await app.NewOrganisationAsync(OrganisationType.Police);
        var ngo = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var secretariat = await app.ClientAsync(Role.Secretariat, office.Id);
        var plan = await (await secretariat.PostJsonAsync("/api/v1/coordination/action-plans",
            new ManageActionPlan.PlanRequest("National action plan 2027–2030", new DateOnly(2027, 1, 1), new DateOnly(2030, 12, 31)))).ReadAsync<ManageActionPlan.PlanSummary>();
        var objective = await (await secretariat.PostJsonAsync($"/api/v1/coordination/action-plans/{plan.Id}/objectives",
            new ManageActionPlan.ObjectiveRequest("1", "Early identification of victims"))).ReadAsync<ManageActionPlan.ObjectiveView>();
        var added = await secretariat.PostJsonAsync($"/api/v1/coordination/action-plans/{plan.Id}/activities", new ManageActionPlan.ActivityRequest(objective.Id, "1.1",
            "Train border police in identification", ministry.Id, [ngo.Id], new DateOnly(2027, 12, 31), 2_500_000, "EUR", "EU project", "Officers trained", 0, 200));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var other = await (await secretariat.PostJsonAsync($"/api/v1/coordination/action-plans/{plan.Id}/activities", new ManageActionPlan.ActivityRequest(objective.Id, "1.2",
            "Mobile teams in four regions", ngo.Id, null, new DateOnly(2028, 6, 30)))).ReadAsync<ManageActionPlan.ActivityView>();
        var period = await (await secretariat.PostJsonAsync($"/api/v1/coordination/action-plans/{plan.Id}/periods",
            new ManageActionPlan.PeriodRequest("2027 H1", new DateOnly(2027, 1, 1), new DateOnly(2027, 6, 30)))).ReadAsync<ManageActionPlan.PeriodView>();
        return new Fixture(secretariat, ministry, await app.ClientAsync(Role.BodyMember, ministry.Id), ngo, await app.ClientAsync(Role.BodyMember, ngo.Id),
            plan, await added.ReadAsync<ManageActionPlan.ActivityView>(), other, period);
    }

    [Theory, BothProviders]
    public async Task An_institution_reports_its_own_activity_once_per_open_period_and_the_scorecard_shows_who_reported(TestApp app)
    {
        var f = await PlanAsync(app);
        // Only the responsible institution reports an activity; the partner does not.
        Assert.Equal(HttpStatusCode.NotFound, (await f.NgoMember.PostJsonAsync($"/api/v1/coordination/activities/{f.Activity.Id}/progress",
            new ReportProgress.Request(f.Period.Id, ActivityStatus.InProgress, 40, "x"))).StatusCode);
        var reported = await f.Ministry1.PostJsonAsync($"/api/v1/coordination/activities/{f.Activity.Id}/progress",
            new ReportProgress.Request(f.Period.Id, ActivityStatus.InProgress, 60, "Three courses held."));
        Assert.Equal(HttpStatusCode.Created, reported.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await f.Ministry1.PostJsonAsync($"/api/v1/coordination/activities/{f.Activity.Id}/progress",
            new ReportProgress.Request(f.Period.Id, ActivityStatus.Completed, 200, "again"))).StatusCode);

        var view = await (await f.NgoMember.GetAsync($"/api/v1/coordination/action-plans/{f.Plan.Id}")).ReadAsync<ManageActionPlan.PlanView>();
        var activity = view.Activities.Single(a => a.Id == f.Activity.Id);
        Assert.Equal((ActivityStatus.InProgress, 60m, 200m, 2_500_000L), (activity.Status, activity.Actual, activity.Target, activity.Budget));
        Assert.Equal((1, 1), view.Scorecard.Where(s => s.InstitutionId == f.Ministry.Id).Select(s => (s.Activities, s.Reported)).Single());
        Assert.Equal((1, 0), view.Scorecard.Where(s => s.InstitutionId == f.Ngo.Id).Select(s => (s.Activities, s.Reported)).Single());

        // Once the period is locked, nobody reports in it any more. (Each report moved the period's version: the lock goes from the version just read.)
        Assert.Equal(HttpStatusCode.Conflict, (await f.Secretariat.PostJsonAsync($"/api/v1/coordination/action-plans/{f.Plan.Id}/periods/{f.Period.Id}/lock",
            new ManageActionPlan.LockRequest(f.Period.Version))).StatusCode);
        var locked = await f.Secretariat.PostJsonAsync($"/api/v1/coordination/action-plans/{f.Plan.Id}/periods/{f.Period.Id}/lock",
            new ManageActionPlan.LockRequest(view.Periods.Single().Version));
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        var late = await f.NgoMember.PostJsonAsync($"/api/v1/coordination/activities/{f.Other.Id}/progress",
            new ReportProgress.Request(f.Period.Id, ActivityStatus.Delayed, null, "late"));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("locked", await late.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ProgressReport>().CountAsync(r => r.PeriodId == f.Period.Id)));
        // A body member keeps no plan.
        Assert.Equal(HttpStatusCode.Forbidden, (await f.Ministry1.PostJsonAsync($"/api/v1/coordination/action-plans/{f.Plan.Id}/periods",
            new ManageActionPlan.PeriodRequest("2027 H2", new DateOnly(2027, 7, 1), new DateOnly(2027, 12, 31)))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Reports_racing_each_other_and_the_lock_leave_one_report_or_none_after_the_lock(TestApp app)
    {
        var f = await PlanAsync(app);
        // Eight copies of one report at once: exactly one is stored, the others are refused as conflicts.
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => f.Ministry1.PostJsonAsync($"/api/v1/coordination/activities/{f.Activity.Id}/progress",
            new ReportProgress.Request(f.Period.Id, ActivityStatus.InProgress, i, $"copy {i}"))));
        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<ProgressReport>().CountAsync(r => r.ActivityId == f.Activity.Id)));

        // A report and the lock at once: each moves the period's version, so exactly one of them wins.
        var second = await (await f.Secretariat.PostJsonAsync($"/api/v1/coordination/action-plans/{f.Plan.Id}/periods",
            new ManageActionPlan.PeriodRequest("2027 H2", new DateOnly(2027, 7, 1), new DateOnly(2027, 12, 31)))).ReadAsync<ManageActionPlan.PeriodView>();
        var report = f.NgoMember.PostJsonAsync($"/api/v1/coordination/activities/{f.Other.Id}/progress", new ReportProgress.Request(second.Id, ActivityStatus.InProgress, 1, "race"));
        var lockIt = f.Secretariat.PostJsonAsync($"/api/v1/coordination/action-plans/{f.Plan.Id}/periods/{second.Id}/lock", new ManageActionPlan.LockRequest(second.Version));
        var (r, l) = (await report, await lockIt);
        var reports = await app.WithDbAsync(db => db.Set<ProgressReport>().Where(x => x.PeriodId == second.Id).ToListAsync());
        var period = await app.WithDbAsync(db => db.Set<ReportingPeriod>().SingleAsync(p => p.Id == second.Id));
        if (r.StatusCode == HttpStatusCode.Created)
        {
            Assert.Equal(HttpStatusCode.Conflict, l.StatusCode);
            Assert.Single(reports);
            Assert.Null(period.LockedAt);
        }
        else
        {
            Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.OK), (r.StatusCode, l.StatusCode));
            Assert.Empty(reports);
            Assert.NotNull(period.LockedAt);
        }
    }
}
