using System.Net;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Identification;

/// <summary>
/// Each legal clock's deadline, its place on the dashboard and its reminders on the boundary days, found by moving the
/// host's clock.
/// </summary>
public sealed class LegalClockTests : IClassFixture<ClockedApps>
{
    private static async Task<List<NotificationApi.Item>> NotificationsFor(HttpClient client, string caseReference) =>
        [.. (await (await client.GetAsync("/api/v1/notifications")).ReadAsync<NotificationApi.Response>()).Items.Where(n => n.Arguments.Contains(caseReference))];

    [Theory, BothProviders]
    public async Task The_first_decision_is_due_five_working_days_after_intake_and_reminded_on_the_boundary_days(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.Police);
        var (user, worker) = await host.UserAsync(Role.PoliceInvestigator, org.Id);
        var intake = host.Today;
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(intake));
        var due = IdentificationRequests.WorkingDaysAfter(intake, 5);

        var clock = Assert.Single((await worker.IdentificationAsync(created.Id)).Clocks);
        Assert.Equal((ClockType.IdentificationDecision, ClockState.Running, due), (clock.Type, clock.State, clock.DueOn));
        var dashboard = await worker.DueAsync("mine");
        Assert.Contains(dashboard.DueThisWeek, i => i.CaseId == created.Id && i.DueOn == due);

        async Task<List<string>> RemindersOn(DateOnly day)
        {
            host.MoveTo(day);
            await host.RunRemindersAsync();
            worker = await host.SignInAsync(user);
            return [.. (await NotificationsFor(worker, created.Reference)).Select(n => n.Kind)];
        }

        Assert.Empty(await RemindersOn(due.AddDays(-3)));
        Assert.Equal(["Clock.IdentificationDecision.Upcoming"], await RemindersOn(due.AddDays(-2)));
        Assert.Equal(["Clock.IdentificationDecision.Upcoming"], await RemindersOn(due.AddDays(-1))); // once per stage
        Assert.Contains("Clock.IdentificationDecision.Due", await RemindersOn(due));
        Assert.Contains("Clock.IdentificationDecision.Overdue", await RemindersOn(due.AddDays(1)));
        Assert.Equal(3, (await RemindersOn(due.AddDays(2))).Count);

        var overdue = await worker.DueAsync("mine");
        Assert.Contains(overdue.Overdue, i => i.CaseId == created.Id && i.DaysLeft == -2);

        // The first decision stops the clock, and it leaves the dashboard.
        Assert.Equal(HttpStatusCode.Created, (await worker.DecideAsync(created.Id, IdentificationStatus.Presumed, host.Today)).StatusCode);
        var stopped = Assert.Single((await worker.IdentificationAsync(created.Id)).Clocks);
        Assert.Equal((ClockState.Completed, host.Today), (stopped.State, stopped.CompletedOn!.Value));
        Assert.DoesNotContain((await worker.DueAsync("organisation")).Overdue, i => i.CaseId == created.Id);

        // The e-mail carries the same text, with the case reference.
        Assert.Contains(host.Mail.Sent, m => m.To == $"{user.UserName}@example.org" && m.Body.Contains(created.Reference) && m.Body.Contains(due.ToString("yyyy-MM-dd")));
    }

    [Theory, BothProviders]
    public async Task The_recovery_period_lasts_at_least_30_days_is_reminded_a_week_ahead_and_can_be_extended(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var (user, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var start = host.Today;
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(start));

        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/recovery-period", new StartRecoveryPeriod.Request(start, 29))).StatusCode);
        // Opened with the decision that the person is a presumed victim.
        var decided = await (await worker.DecideAsync(created.Id, IdentificationStatus.Presumed, start, startRecovery: true)).ReadAsync<DecideIdentification.Response>();
        Assert.NotNull(decided.RecoveryPeriodId);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/recovery-period", new StartRecoveryPeriod.Request(start))).StatusCode);

        var period = (await worker.IdentificationAsync(created.Id)).Clocks.Single(k => k.Type == ClockType.RecoveryPeriod);
        var lastDay = start.AddDays(29);
        Assert.Equal(lastDay, period.DueOn);
        Assert.DoesNotContain((await worker.DueAsync()).DueThisWeek, i => i.ClockId == period.Id);

        host.MoveTo(lastDay.AddDays(-8));
        await host.RunRemindersAsync();
        worker = await host.SignInAsync(user);
        Assert.Empty(await NotificationsFor(worker, created.Reference));
        Assert.DoesNotContain((await worker.DueAsync()).DueThisWeek, i => i.ClockId == period.Id);

        host.MoveTo(lastDay.AddDays(-7));
        await host.RunRemindersAsync();
        worker = await host.SignInAsync(user);
        Assert.Equal(["Clock.RecoveryPeriod.Upcoming"], (await NotificationsFor(worker, created.Reference)).Select(n => n.Kind));
        var listed = Assert.Single((await worker.DueAsync()).DueThisWeek, i => i.ClockId == period.Id);
        Assert.Equal(7, listed.DaysLeft);

        // An extension must end later; it earns fresh reminders for the new last day.
        var version = (await worker.IdentificationAsync(created.Id)).Clocks.Single(k => k.Id == period.Id).Version;
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/clocks/{period.Id}/extend", new ChangeClock.Extension(version, lastDay, "no"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/clocks/{period.Id}/extend", new ChangeClock.Extension(version, lastDay.AddDays(30), ""))).StatusCode);
        var extended = await worker.PostJsonAsync($"/api/v1/clocks/{period.Id}/extend", new ChangeClock.Extension(version, lastDay.AddDays(30), "Still in medical treatment."));
        Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/clocks/{period.Id}/extend", new ChangeClock.Extension(version, lastDay.AddDays(40), "stale"))).StatusCode);
        var after = (await worker.IdentificationAsync(created.Id)).Clocks.Single(k => k.Id == period.Id);
        Assert.Equal((lastDay.AddDays(30), lastDay, 1), (after.DueOn, after.OriginalDueOn, after.Extensions));

        host.MoveTo(lastDay.AddDays(30));
        await host.RunRemindersAsync();
        worker = await host.SignInAsync(user);
        Assert.Contains("Clock.RecoveryPeriod.Due", (await NotificationsFor(worker, created.Reference)).Select(n => n.Kind));
    }

    [Theory, BothProviders]
    public async Task A_residence_permit_runs_3_to_12_months_is_reminded_30_days_ahead_and_renews(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.SocialWorkCentre); // country MK; the person is a citizen of RS
        var (user, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var today = host.Today;
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(today.AddDays(-90)));
        var validUntil = today.AddDays(31);
        var issued = validUntil.AddMonths(-3);

        string Path() => $"/api/v1/cases/{created.Id}/residence-permits";
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync(Path(), new RecordResidencePermit.Request(ResidencePermitType.PersonalSituation, issued.AddDays(1), validUntil))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync(Path(), new RecordResidencePermit.Request(ResidencePermitType.PersonalSituation, issued, issued.AddMonths(12).AddDays(1)))).StatusCode);
        var recorded = await worker.PostJsonAsync(Path(), new RecordResidencePermit.Request(ResidencePermitType.PersonalSituation, issued, validUntil));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var permitId = (await recorded.ReadAsync<RecordResidencePermit.Response>()).Id;

        // (The case's identification deadline, long past, has reminders of its own: only the permit's count here.)
        async Task<List<string>> PermitReminders() =>
            [.. (await NotificationsFor(worker, created.Reference)).Select(n => n.Kind).Where(k => k.StartsWith("Clock.ResidencePermit", StringComparison.Ordinal))];
        await host.RunRemindersAsync();
        Assert.Empty(await PermitReminders()); // 31 days ahead: not yet

        host.MoveTo(today.AddDays(1)); // 30 days ahead
        await host.RunRemindersAsync();
        worker = await host.SignInAsync(user);
        Assert.Equal(["Clock.ResidencePermit.Upcoming"], await PermitReminders());

        async Task<long> Version() => (await worker.IdentificationAsync(created.Id)).Clocks.Single(k => k.Id == permitId).Version;
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/clocks/{permitId}/renewal-decision", new ChangeClock.RenewalDecision(await Version(), host.Today, true, validUntil.AddMonths(6)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.PostJsonAsync($"/api/v1/clocks/{permitId}/renewal-request", new ChangeClock.RenewalRequest(await Version(), host.Today))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/clocks/{permitId}/renewal-decision", new ChangeClock.RenewalDecision(await Version(), host.Today, true, validUntil.AddMonths(13)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.PostJsonAsync($"/api/v1/clocks/{permitId}/renewal-decision", new ChangeClock.RenewalDecision(await Version(), host.Today, true, validUntil.AddMonths(6)))).StatusCode);
        var renewed = (await worker.IdentificationAsync(created.Id)).Clocks.Single(k => k.Id == permitId);
        Assert.Equal((validUntil.AddMonths(6), 1, true), (renewed.DueOn, renewed.Renewals, renewed.RenewalGranted!.Value));
        Assert.Equal(ReminderStage.None, renewed.Stage);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/clocks/{permitId}/extend", new ChangeClock.Extension(renewed.Version, validUntil.AddMonths(7), "no"))).StatusCode);

        // A citizen of the country gets no temporary residence permit.
        var citizen = IdentificationRequests.CaseOn(today, person: CaseRequests.New().Person! with { Citizenships = ["MK"] });
        var citizenCase = await worker.RegisterAsync(citizen);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/cases/{citizenCase.Id}/residence-permits",
            new RecordResidencePermit.Request(ResidencePermitType.PersonalSituation, host.Today, host.Today.AddMonths(6)))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Plan_reviews_show_per_user_and_per_organisation_and_leave_when_completed(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.Ngo);
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var (_, colleague) = await host.UserAsync(Role.CaseWorker, org.Id);
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(host.Today));
        var scheduled = await (await colleague.PostJsonAsync($"/api/v1/cases/{created.Id}/plan-reviews", new SchedulePlanReview.Request(host.Today.AddDays(7))))
            .ReadAsync<SchedulePlanReview.Response>();

        Assert.Contains((await colleague.DueAsync("mine")).DueThisWeek, i => i.ClockId == scheduled.Id && i.Type == ClockType.AssistancePlanReview && i.DaysLeft == 7);
        Assert.DoesNotContain((await worker.DueAsync("mine")).DueThisWeek, i => i.ClockId == scheduled.Id);
        Assert.Contains((await worker.DueAsync("organisation")).DueThisWeek, i => i.ClockId == scheduled.Id);
        var other = await host.UserAsync(Role.CaseWorker, (await host.App.NewOrganisationAsync()).Id);
        Assert.DoesNotContain((await other.Client.DueAsync("organisation")).DueThisWeek, i => i.CaseId == created.Id);

        var version = (await worker.IdentificationAsync(created.Id)).Clocks.Single(k => k.Id == scheduled.Id).Version;
        Assert.Equal(HttpStatusCode.OK, (await worker.PostJsonAsync($"/api/v1/clocks/{scheduled.Id}/complete", new ChangeClock.Completion(version, host.Today, "Reviewed with the client."))).StatusCode);
        Assert.DoesNotContain((await worker.DueAsync("organisation")).DueThisWeek, i => i.ClockId == scheduled.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/clocks/{scheduled.Id}/complete", new ChangeClock.Completion(version + 1, host.Today))).StatusCode);
    }
}
