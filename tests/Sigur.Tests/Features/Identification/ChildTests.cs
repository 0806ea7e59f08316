using System.Net;
using Sigur.Features.Cases;
using Sigur.Features.Hotline;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Identification;

/// <summary>The presumption of minority, the child-protection record, and a child's identity kept out of lists, notifications and e-mail.</summary>
public sealed class ChildTests : IClassFixture<ClockedApps>
{
    private static PersonInput Child(string given, string family, string? dateOfBirth = null, int? estimatedAge = null, bool possiblyChild = false) =>
        new(given, family, [], dateOfBirth, estimatedAge, possiblyChild, Sex.Female, ["AL"], ["sq"], "", "");

    [Theory, BothProviders]
    public async Task A_person_of_unknown_age_who_may_be_a_child_is_a_child_until_an_age_assessment_finds_an_adult(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var today = host.Today;
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(today, person: Child("Drita", "Krasniqi", possiblyChild: true)));

        var before = await worker.IdentificationAsync(created.Id);
        Assert.True(before.IsChild);
        Assert.True(before.PresumedMinor);

        var protection = new RecordChildProtection.Request(0, "Ana Trajkovska", "Centre for Social Work Skopje", today, today, "Needs a safe placement away from the family.",
            today, "Centre for Social Work Skopje", "Placement in the child shelter; no return for now.", "She wants to go to school and to call her sister.",
            ["GuardianPresent", "InterviewByTrainedProfessional", "InterpreterOfChildsLanguage"], "Single recorded interview.");
        var saved = await worker.PutJsonAsync($"/api/v1/cases/{created.Id}/child-protection", protection);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var version = (await saved.ReadAsync<RecordChildProtection.Response>()).Version;
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PutJsonAsync($"/api/v1/cases/{created.Id}/child-protection", protection with { Version = version + 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PutJsonAsync($"/api/v1/cases/{created.Id}/child-protection", protection with { Version = version, Safeguards = ["Cage"] })).StatusCode);

        // An inconclusive assessment keeps the presumption.
        var inconclusive = await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/age-assessment", new AssessAge.Request(today, AgeAssessmentOutcome.Inconclusive, "Paediatric clinic"));
        Assert.True((await inconclusive.ReadAsync<AssessAge.Response>()).IsChild);
        Assert.True((await worker.IdentificationAsync(created.Id)).PresumedMinor);

        // An adult finding must give an age of 18 or more; then the person is no longer treated as a child.
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/age-assessment", new AssessAge.Request(today, AgeAssessmentOutcome.Adult, "Clinic", 17))).StatusCode);
        var adult = await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/age-assessment", new AssessAge.Request(today, AgeAssessmentOutcome.Adult, "Multidisciplinary age assessment panel", 19));
        Assert.False((await adult.ReadAsync<AssessAge.Response>()).IsChild);
        var after = await worker.IdentificationAsync(created.Id);
        Assert.False(after.IsChild);
        Assert.Equal(AgeAssessmentOutcome.Adult, after.Child!.AgeAssessment);
        Assert.Equal("Ana Trajkovska", after.Child.GuardianName);
        Assert.Equal("She wants to go to school and to call her sister.", after.Child.ChildViews);
    }

    [Theory, BothProviders]
    public async Task Under_18_by_birth_date_or_estimate_is_a_child_and_an_adult_gets_no_child_record(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync();
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var today = host.Today;
        var byBirth = await worker.RegisterAsync(IdentificationRequests.CaseOn(today, person: Child("Elira", "Hoxha", today.AddYears(-15).ToString("yyyy-MM-dd"))));
        var byEstimate = await worker.RegisterAsync(IdentificationRequests.CaseOn(today, person: Child("Besa", "Gashi", estimatedAge: 16)));
        var adult = await worker.RegisterAsync(IdentificationRequests.CaseOn(today, person: Child("Mira", "Dika", "1990-01-01")));

        Assert.True((await worker.IdentificationAsync(byBirth.Id)).IsChild);
        Assert.False((await worker.IdentificationAsync(byBirth.Id)).PresumedMinor); // known to be a child, not presumed
        Assert.True((await worker.IdentificationAsync(byEstimate.Id)).IsChild);
        Assert.False((await worker.IdentificationAsync(adult.Id)).IsChild);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PutJsonAsync($"/api/v1/cases/{adult.Id}/child-protection", new RecordChildProtection.Request(0, GuardianName: "X"))).StatusCode);
        // A birth date that makes the person a child cannot be overruled by an "adult" assessment without correcting it first.
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/cases/{byBirth.Id}/age-assessment", new AssessAge.Request(today, AgeAssessmentOutcome.Adult, "Clinic", 20))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_childs_name_never_appears_in_notifications_e_mail_or_the_dashboard(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.Ngo);
        var (user, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var (operatorUser, hotline) = await host.UserAsync(Role.HotlineOperator, org.Id);
        var given = $"Zanetaq{Guid.NewGuid():N}"[..14];
        var family = $"Berishaq{Guid.NewGuid():N}"[..15];
        var today = host.Today;
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(today, given, family, Child(given, family, possiblyChild: true)));
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/plan-reviews", new SchedulePlanReview.Request(today.AddDays(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.PutJsonAsync($"/api/v1/cases/{created.Id}/child-protection",
            new RecordChildProtection.Request(0, GuardianName: "Guardian " + family, GuardianAppointedOn: today, ChildViews: given + " wants to stay"))).StatusCode);

        // An urgent hotline contact about the child, with the name in the story.
        await hotline.PostJsonAsync("/api/v1/hotline/duty", new DutyRoster.Request(host.Clock.GetUtcNow().UtcDateTime.AddHours(-1), host.Clock.GetUtcNow().UtcDateTime.AddHours(8)));
        Assert.Equal(HttpStatusCode.Created, (await hotline.PostJsonAsync("/api/v1/hotline/contacts",
            new LogContact.Request(ContactChannel.Call, CallerType.Witness, ContactUrgency.Emergency, "sq", WhatHappened: $"{given} {family} is begging at the bus station"))).StatusCode);

        host.MoveTo(today.AddDays(2));
        await host.RunRemindersAsync();
        worker = await host.SignInAsync(user);
        hotline = await host.SignInAsync(operatorUser);

        var notifications = string.Join('\n', new[] { await (await worker.GetAsync("/api/v1/notifications")).Content.ReadAsStringAsync(),
            await (await hotline.GetAsync("/api/v1/notifications")).Content.ReadAsStringAsync() });
        Assert.Contains(created.Reference, notifications);
        Assert.Contains("Hotline.Urgent", notifications);
        var mail = string.Join('\n', host.Mail.Sent.Select(m => m.Subject + "\n" + m.Body));
        Assert.Contains(created.Reference, mail);
        var dashboard = await (await worker.GetAsync("/api/v1/clocks/due?scope=organisation")).Content.ReadAsStringAsync();
        Assert.Contains(created.Reference, dashboard);
        foreach (var text in new[] { notifications, mail, dashboard })
        {
            Assert.DoesNotContain(given, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(family, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
