using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Assistance;
using Sigur.Features.Identification;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Tests.Features.Identification;
using Sigur.Tests.Features.Referrals;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Assistance;

public sealed class AssistancePlanTests : IClassFixture<ClockedApps>
{
    private const string Needs = "Needs trauma counselling and a gynaecological check-up; no income.";

    [Theory, BothProviders]
    public async Task A_plan_is_approved_by_a_supervisor_reviewed_on_its_clock_served_and_closed_by_a_second_person(ClockedApp clocked)
    {
        var app = clocked.App;
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        // The author is a supervisor too, so that the rule "never its author" is met by the plan, not by the role.
        var (authorUser, author) = await clocked.UserAsync(Role.Supervisor, org.Id);
        var (supervisorUser, supervisor) = await clocked.UserAsync(Role.Supervisor, org.Id);
        var (_, colleague) = await clocked.UserAsync(Role.CaseWorker, org.Id);
        var c = await author.RegisterAsync(CaseRequests.New("Vesna", "Plansdottir"));
        var today = clocked.Today;

        var created = await author.PostJsonAsync($"/api/v1/cases/{c.Id}/assistance-plans", new CreatePlan.Request(Needs, "Safe housing; counselling weekly.", today.AddDays(10)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var plan = await created.ReadAsync<PlanView>();
        Assert.Equal(HttpStatusCode.Conflict, (await author.PostJsonAsync($"/api/v1/cases/{c.Id}/assistance-plans",
            new CreatePlan.Request(Needs, "again", today.AddDays(10)))).StatusCode);

        plan = await (await author.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/submit", new ChangePlan.Step(plan.Version))).ReadAsync<PlanView>();
        Assert.Equal(PlanStatus.AwaitingApproval, plan.Status);
        var waiting = (await (await supervisor.GetAsync("/api/v1/notifications")).ReadAsync<NotificationApi.Response>()).Items
            .Single(n => n.Kind == "Assistance.PlanApprovalWaiting" && n.Arguments.SequenceEqual([c.Reference]));
        Assert.DoesNotContain("Plansdottir", waiting.Text, StringComparison.Ordinal);

        // Never approved by its author, nor by a case worker who is not a supervisor (today's rule); a stale version is refused too.
        Assert.Equal(HttpStatusCode.Forbidden, (await colleague.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/decision", new ChangePlan.Decision(plan.Version, true))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await author.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/decision", new ChangePlan.Decision(plan.Version, true))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/decision", new ChangePlan.Decision(plan.Version - 1, true))).StatusCode);
        plan = await (await supervisor.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/decision", new ChangePlan.Decision(plan.Version, true))).ReadAsync<PlanView>();
        Assert.Equal(PlanStatus.Approved, plan.Status);

        // The approval started the review clock: on the due dashboard within the week, and reminded.
        clocked.MoveTo(today.AddDays(4));
        author = await clocked.SignInAsync(authorUser);
        supervisor = await clocked.SignInAsync(supervisorUser);
        var due = await (await author.GetAsync("/api/v1/clocks/due?scope=mine")).ReadAsync<DueClocks.Response>();
        Assert.Contains(due.DueThisWeek, i => i.CaseId == c.Id && i.Type == ClockType.AssistancePlanReview && i.DueOn == today.AddDays(10));
        await clocked.RunRemindersAsync();
        Assert.Contains((await (await author.GetAsync("/api/v1/notifications")).ReadAsync<NotificationApi.Response>()).Items,
            n => n.Kind == "Clock.AssistancePlanReview.Upcoming" && n.Arguments[0] == c.Reference);

        // A review completes that clock and starts the next.
        plan = await (await author.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/reviews", new ChangePlan.Review(plan.Version, clocked.Today.AddDays(90)))).ReadAsync<PlanView>();
        var clocks = await app.WithDbAsync(db => db.LegalClocks().IgnoreQueryFilters().Where(k => k.SubjectId == plan.Id).ToListAsync());
        Assert.Equal(2, clocks.Count);
        Assert.Equal(LegalClock.Day(clocked.Today.AddDays(90)), Assert.Single(clocks, k => k.State == ClockState.Running).DueOn);

        // Services planned and delivered, with a cost in minor units.
        var service = await (await author.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/services",
            new PlanServices.Planned(ServiceType.Medical, org.Id, clocked.Today))).ReadAsync<PlannedServiceView>();
        var noCurrency = await author.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/services/{service.Id}/delivery", new PlanServices.Delivery(clocked.Today, "Seen", 2500));
        Assert.Equal(HttpStatusCode.BadRequest, noCurrency.StatusCode);
        Assert.Contains("\"currency\"", await noCurrency.Content.ReadAsStringAsync());
        var delivered = await (await author.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/services/{service.Id}/delivery",
            new PlanServices.Delivery(clocked.Today, "Check-up done, follow-up in a month.", 2500, "EUR"))).ReadAsync<PlannedServiceView>();
        Assert.Equal((2500L, "EUR"), (delivered.CostMinor!.Value, delivered.Currency!));
        Assert.Equal(HttpStatusCode.Conflict, (await author.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/services/{service.Id}/delivery",
            new PlanServices.Delivery(clocked.Today, "again"))).StatusCode);

        // Closure: asked by one, confirmed by another (neither the author nor the one who asked).
        plan = (await (await author.GetAsync($"/api/v1/cases/{c.Id}/assistance-plans")).ReadAsync<List<PlanView>>()).Single();
        plan = await (await author.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/closure", new ChangePlan.Closure(plan.Version, "Goals met; living independently."))).ReadAsync<PlanView>();
        Assert.Contains((await (await supervisor.GetAsync("/api/v1/notifications")).ReadAsync<NotificationApi.Response>()).Items,
            n => n.Kind == "Assistance.PlanClosureWaiting" && n.Arguments.SequenceEqual([c.Reference]));
        Assert.Equal(HttpStatusCode.Conflict, (await author.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/closure/decision", new ChangePlan.Decision(plan.Version, true))).StatusCode);
        plan = await (await supervisor.PostJsonAsync($"/api/v1/assistance-plans/{plan.Id}/closure/decision", new ChangePlan.Decision(plan.Version, true))).ReadAsync<PlanView>();
        Assert.Equal(PlanStatus.Closed, plan.Status);
        Assert.DoesNotContain(await app.WithDbAsync(db => db.LegalClocks().IgnoreQueryFilters().Where(k => k.SubjectId == plan.Id).ToListAsync()),
            k => k.State == ClockState.Running);
        Assert.Equal(HttpStatusCode.Conflict, (await author.PutJsonAsync($"/api/v1/assistance-plans/{plan.Id}", new ChangePlan.Edit(plan.Version, "x", "y", clocked.Today.AddDays(5)))).StatusCode);

        // Needs, goals and outcomes are encrypted at rest.
        var stored = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT needs_assessment AS \"Value\" FROM assistance_plans UNION ALL SELECT outcome FROM planned_services").ToListAsync());
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, s => s.Contains("counselling", StringComparison.Ordinal) || s.Contains("Check-up", StringComparison.Ordinal));
    }

    [Theory, BothProviders]
    public async Task An_organisation_the_case_is_referred_to_neither_reads_nor_writes_the_plan(ClockedApp clocked)
    {
        var app = clocked.App;
        var w = await ReferralWorld.CreateAsync(app);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var plan = await (await w.HolderClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/assistance-plans", new CreatePlan.Request(Needs, "Goals", today.AddDays(30))))
            .ReadAsync<PlanView>();
        await w.ConsentAsync();
        await w.ReferAsync(ServiceType.Psychological);
        Assert.Equal(HttpStatusCode.OK, (await w.RecipientClient.GetAsync($"/api/v1/cases/{w.Case.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientClient.GetAsync($"/api/v1/cases/{w.Case.Id}/assistance-plans")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/assistance-plans",
            new CreatePlan.Request(Needs, "Goals", today.AddDays(30)))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientClient.PutJsonAsync($"/api/v1/assistance-plans/{plan.Id}",
            new ChangePlan.Edit(plan.Version, "changed by the recipient", "Goals", today.AddDays(30)))).StatusCode);
        Assert.Equal(Needs, (await (await w.HolderClient.GetAsync($"/api/v1/cases/{w.Case.Id}/assistance-plans")).ReadAsync<List<PlanView>>()).Single().NeedsAssessment);
    }
}
