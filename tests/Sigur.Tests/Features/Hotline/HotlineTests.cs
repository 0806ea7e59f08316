using System.Net;
using Sigur.Features.Cases;
using Sigur.Features.Hotline;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Tests.Features.Identification;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Hotline;

/// <summary>The SOS hotline: contacts logged fast and possibly anonymously, urgent ones alerting the coordinator on duty, contacts becoming cases.</summary>
public sealed class HotlineTests : IClassFixture<ClockedApps>
{
    [Theory, BothProviders]
    public async Task A_contact_is_logged_with_three_fields_can_stay_anonymous_and_the_log_shows_no_story(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.Ngo);
        var (_, hotline) = await host.UserAsync(Role.HotlineOperator, org.Id);

        var quick = await hotline.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.Sms, CallerType.Anonymous));
        Assert.Equal(HttpStatusCode.Created, quick.StatusCode);
        var logged = await quick.ReadAsync<LogContact.Response>();
        Assert.Matches(@"^H-\d{4}-\d{6}$", logged.Reference);
        Assert.Equal(0, logged.Alerted);

        var anonymousWithDetails = await hotline.PostJsonAsync("/api/v1/hotline/contacts",
            new LogContact.Request(ContactChannel.Call, CallerType.Family, Anonymous: true, CallerContact: "+389 70 000 000"));
        Assert.Equal(HttpStatusCode.BadRequest, anonymousWithDetails.StatusCode);

        var full = await (await hotline.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.Chat, CallerType.Family, ContactUrgency.Routine, "mk",
            CallerContact: "Mother, +389 70 111 222", Region: "MK006", WhatHappened: "Her son went to work on a farm abroad and cannot leave.",
            AdviceGiven: "Explained the rights of workers abroad.", Outcome: ContactOutcome.ReferredToPolice, FollowUp: "Call back Monday", FollowUpOn: host.Today.AddDays(3))))
            .ReadAsync<LogContact.Response>();

        var log = await (await hotline.GetAsync("/api/v1/hotline/contacts")).Content.ReadAsStringAsync();
        Assert.Contains(full.Reference, log);
        Assert.DoesNotContain("farm abroad", log);
        Assert.DoesNotContain("+389", log);
        var detail = await (await hotline.GetAsync($"/api/v1/hotline/contacts/{full.Id}")).ReadAsync<ListContacts.Detail>();
        Assert.Equal(("MK006", "mk", ContactOutcome.ReferredToPolice), (detail.Region, detail.Language, detail.Outcome));
        Assert.Contains("farm abroad", detail.WhatHappened);
        var anonymous = await (await hotline.GetAsync($"/api/v1/hotline/contacts/{logged.Id}")).ReadAsync<ListContacts.Detail>();
        Assert.True(anonymous.Anonymous);
        Assert.Equal("", anonymous.CallerContact);

        // Another organisation's hotline does not see it.
        var (_, elsewhere) = await host.UserAsync(Role.HotlineOperator, (await host.App.NewOrganisationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/hotline/contacts/{full.Id}")).StatusCode);
        Assert.DoesNotContain(full.Reference, await (await elsewhere.GetAsync("/api/v1/hotline/contacts")).Content.ReadAsStringAsync());
    }

    [Theory, BothProviders]
    public async Task Contacts_become_a_case_that_keeps_the_link_and_came_through_the_hotline(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.Ngo);
        var (_, hotline) = await host.UserAsync(Role.HotlineOperator, org.Id);
        async Task<LogContact.Response> Log(string story) =>
            await (await hotline.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.Call, CallerType.PossibleVictim, Region: "MK007", WhatHappened: story)))
                .ReadAsync<LogContact.Response>();
        var first = await Log("Passport taken by the employer.");
        var second = await Log("Called again: locked in at night.");

        var person = new PersonInput("Nadia", "Haddad", Citizenships: ["SY"], Sex: Sex.Female);
        var response = await hotline.PostJsonAsync("/api/v1/hotline/cases", new ConvertToCase.Request([first.Id, second.Id], person));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.ReadAsync<ConvertToCase.Response>();

        var detail = await (await hotline.GetAsync($"/api/v1/cases/{created.CaseId}")).ReadAsync<CaseDetail>();
        Assert.Equal(IntakeChannel.Hotline, detail.IntakeChannel);
        Assert.Equal("MK007", detail.Region);
        Assert.Contains("Passport taken", detail.Narrative);
        Assert.Contains("locked in at night", detail.Narrative);
        Assert.Contains(first.Reference, detail.Narrative);
        // Like any case, it has its identification deadline.
        Assert.Contains((await hotline.IdentificationAsync(created.CaseId)).Clocks, k => k.Type == ClockType.IdentificationDecision);

        var linked = await (await hotline.GetAsync($"/api/v1/hotline/contacts?caseId={created.CaseId}")).ReadAsync<ListContacts.Response>();
        Assert.Equal([first.Id, second.Id], linked.Items.Select(i => i.Id).Order());
        Assert.All(linked.Items, i => Assert.Equal(ContactOutcome.CaseOpened, i.Outcome));

        // A contact already in a case cannot be taken again; a stranger's contact is not found.
        var third = await Log("Third call.");
        Assert.Equal(HttpStatusCode.Conflict, (await hotline.PostJsonAsync("/api/v1/hotline/cases", new ConvertToCase.Request([first.Id, third.Id], person))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await hotline.PostJsonAsync("/api/v1/hotline/cases", new ConvertToCase.Request([Guid.NewGuid()], person))).StatusCode);
        // A conversion with an invalid person registers nothing and links nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await hotline.PostJsonAsync("/api/v1/hotline/cases", new ConvertToCase.Request([third.Id], new PersonInput("", "")))).StatusCode);
        Assert.Null((await (await hotline.GetAsync($"/api/v1/hotline/contacts/{third.Id}")).ReadAsync<ListContacts.Detail>()).CaseId);
    }

    [Theory, BothProviders]
    public async Task An_urgent_contact_alerts_the_coordinator_on_duty_or_the_whole_hotline_when_nobody_is(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.Ngo);
        var (_, operatorClient) = await host.UserAsync(Role.HotlineOperator, org.Id);
        var (coordinator, coordinatorClient) = await host.UserAsync(Role.CaseWorker, org.Id);
        var (_, colleague) = await host.UserAsync(Role.HotlineOperator, org.Id);

        async Task<List<NotificationApi.Item>> Urgent(HttpClient c) =>
            [.. (await (await c.GetAsync("/api/v1/notifications")).ReadAsync<NotificationApi.Response>()).Items.Where(n => n.Kind == "Hotline.Urgent")];

        // Nobody on duty: the whole hotline is alerted.
        var unattended = await (await operatorClient.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.Call, CallerType.Witness, ContactUrgency.Urgent)))
            .ReadAsync<LogContact.Response>();
        Assert.Contains(await Urgent(colleague), n => n.Arguments[0] == unattended.Reference && n.ForWholeOrganisation);

        var now = host.Clock.GetUtcNow().UtcDateTime;
        var shift = await operatorClient.PostJsonAsync("/api/v1/hotline/duty", new DutyRoster.Request(now.AddHours(-1), now.AddHours(7), coordinator.Id));
        Assert.Equal(HttpStatusCode.Created, shift.StatusCode);
        Assert.Contains(await (await operatorClient.GetAsync("/api/v1/hotline/duty")).ReadAsync<List<DutyRoster.Shift>>(), s => s.UserId == coordinator.Id);

        var routine = await (await operatorClient.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.Email, CallerType.Professional)))
            .ReadAsync<LogContact.Response>();
        var urgent = await (await operatorClient.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.WalkIn, CallerType.PossibleVictim, ContactUrgency.Emergency)))
            .ReadAsync<LogContact.Response>();
        Assert.Equal(1, urgent.Alerted);

        var alerts = await Urgent(coordinatorClient);
        var alert = Assert.Single(alerts, n => n.Arguments[0] == urgent.Reference);
        Assert.False(alert.ForWholeOrganisation);
        Assert.Contains(urgent.Reference, alert.Text);
        Assert.DoesNotContain(alerts, n => n.Arguments[0] == routine.Reference);
        Assert.DoesNotContain(await Urgent(colleague), n => n.Arguments[0] == urgent.Reference);
        Assert.Contains(host.Mail.Sent, m => m.To == $"{coordinator.UserName}@example.org" && m.Body.Contains(urgent.Reference));

        // Read once, it stays read.
        Assert.Equal(HttpStatusCode.NoContent, (await coordinatorClient.PostAsync($"/api/v1/notifications/{alert.Id}/read", null)).StatusCode);
        Assert.NotNull((await Urgent(coordinatorClient)).Single(n => n.Id == alert.Id).ReadAt);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostAsync($"/api/v1/notifications/{alert.Id}/read", null)).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Statistics_count_contacts_by_channel_caller_type_and_outcome(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.Ngo);
        var (_, hotline) = await host.UserAsync(Role.HotlineOperator, org.Id);
        foreach (var (channel, caller, outcome) in new[]
                 {
                     (ContactChannel.Call, CallerType.PossibleVictim, ContactOutcome.AdviceGiven), (ContactChannel.Call, CallerType.Family, ContactOutcome.ReferredToPolice),
                     (ContactChannel.Chat, CallerType.Anonymous, ContactOutcome.InformationGiven), (ContactChannel.WebForm, CallerType.Professional, ContactOutcome.AdviceGiven),
                 })
            await hotline.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(channel, caller, Outcome: outcome));

        var stats = await (await hotline.GetAsync("/api/v1/hotline/statistics")).ReadAsync<HotlineStatistics.Response>();
        Assert.Equal(4, stats.Contacts);
        Assert.Equal(1, stats.Anonymous);
        Assert.Equal(2, stats.ByChannel.Single(c => c.Value == "Call").Contacts);
        Assert.Equal(1, stats.ByCallerType.Single(c => c.Value == "Family").Contacts);
        Assert.Equal(2, stats.ByOutcome.Single(c => c.Value == "AdviceGiven").Contacts);
        Assert.Equal(0, stats.ByChannel.Single(c => c.Value == "Sms").Contacts);
        var (_, caseWorkerElsewhere) = await host.UserAsync(Role.HotlineOperator, (await host.App.NewOrganisationAsync()).Id);
        Assert.Equal(0, (await (await caseWorkerElsewhere.GetAsync("/api/v1/hotline/statistics")).ReadAsync<HotlineStatistics.Response>()).Contacts);
    }
}
