using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Fund;
using Sigur.Features.Referrals;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Tests.Features.Identification;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform.Notifications;

/// <summary>
/// The notifications of referral and assistance work: a new referral, its acceptance or refusal, a withdrawn consent,
/// a disbursement waiting for approval, a shelter nearly full. Each fires, reaches the right organisation or user, and
/// carries references and counts only: no name, narrative, date of birth or shelter address, in the app or by e-mail.
/// </summary>
public sealed class AssistanceNotificationTests : IClassFixture<ClockedApps>
{
    private const string ShelterAddress = "Ulica Notifikacija 17, Skopje";

    [Theory, BothProviders]
    public async Task Each_event_notifies_the_right_people_with_references_only(ClockedApp clocked)
    {
        var app = clocked.App;
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var shelterOrg = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var (senderUser, sender) = await clocked.UserAsync(Role.CaseWorker, holder.Id);
        var (_, staff) = await clocked.UserAsync(Role.ShelterStaff, shelterOrg.Id);
        var family = $"Secretname{Guid.NewGuid():N}"[..18];
        const string narrative = "Held in a flat above the Zlatna Ribka bar.";
        var first = await sender.RegisterAsync(CaseRequests.New("Jelena", family, narrative));
        var second = await sender.RegisterAsync(CaseRequests.New("Jelena", family, narrative));

        async Task<List<NotificationApi.Item>> Of(HttpClient client, string kind) =>
            [.. (await (await client.GetAsync("/api/v1/notifications")).ReadAsync<NotificationApi.Response>()).Items.Where(n => n.Kind == kind)];

        // A new referral: the recipient organisation's inbox.
        var consents = new List<ConsentView>();
        foreach (var c in new[] { first, second })
            consents.Add(await (await sender.PostJsonAsync($"/api/v1/cases/{c.Id}/consents", new RecordConsent.Request(ConsentGiver.Person, [shelterOrg.Id],
                [.. Enum.GetValues<Sigur.Platform.Access.DataGroup>()], "Shelter", clocked.Today.AddMonths(3)))).ReadAsync<ConsentView>());
        var toAccept = await (await sender.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(first.Id, shelterOrg.Id, [ServiceType.Accommodation]))).ReadAsync<ReferralView>();
        var toDecline = await (await sender.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(second.Id, shelterOrg.Id, [ServiceType.Accommodation]))).ReadAsync<ReferralView>();
        Assert.Equal([first.Reference, second.Reference], (await Of(staff, "Referral.New")).Select(n => n.Arguments.Single()).Order());
        Assert.Empty(await Of(sender, "Referral.New"));

        // Accepted and declined: the user who sent the referral, in the app and by e-mail.
        Assert.Equal(HttpStatusCode.OK, (await staff.PostAsync($"/api/v1/referrals/{toAccept.Id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.PostJsonAsync($"/api/v1/referrals/{toDecline.Id}/decline", new DeclineReferral.Request("No place for her category"))).StatusCode);
        Assert.Equal(first.Reference, Assert.Single(await Of(sender, "Referral.Accepted")).Arguments.Single());
        Assert.Equal(second.Reference, Assert.Single(await Of(sender, "Referral.Declined")).Arguments.Single());
        var mails = clocked.Mail.Sent.Where(m => m.To.StartsWith(senderUser.UserName, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Contains(mails, m => m.Body.Contains(first.Reference, StringComparison.Ordinal));
        Assert.Contains(mails, m => m.Body.Contains(second.Reference, StringComparison.Ordinal));

        // A shelter nearly full: its organisation, once a day. The shelter takes the referred person and two of its own cases.
        var shelter = await app.WithDbAsync(async db =>
        {
            var s = new Shelter { OrganisationId = shelterOrg.Id, Name = "Shelter Notify", Region = "Skopje", Address = ShelterAddress };
            db.Add(s);
            db.Add(new ShelterPlaces { ShelterId = s.Id, Sex = PlaceSex.Female, AgeGroup = AgeGroup.Adult, Places = 3 });
            await db.SaveChangesAsync();
            return s.Id;
        });
        var shelterWorker = await app.ClientAsync(Role.CaseWorker, shelterOrg.Id);
        var residents = new List<Guid> { first.Id };
        for (var i = 0; i < 2; i++) residents.Add((await shelterWorker.RegisterAsync(CaseRequests.New("Jelena", family, narrative))).Id);
        for (var i = 0; i < residents.Count; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter}/admissions", new AdmitToShelter.Request(residents[i]))).StatusCode);
            // Three places: one free after the second admission is "nearly full"; the third admission adds no second notice today.
            Assert.Equal(i == 0 ? 0 : 1, (await Of(staff, "Shelter.NearlyFull")).Count);
        }
        Assert.Equal(["Shelter Notify", "1", "3"], Assert.Single(await Of(staff, "Shelter.NearlyFull")).Arguments);

        // A withdrawn consent: the organisation that was reading the case.
        Assert.Equal(HttpStatusCode.OK, (await sender.PostAsync($"/api/v1/consents/{consents[0].Id}/withdraw", null)).StatusCode);
        Assert.Equal(first.Reference, Assert.Single(await Of(staff, "Consent.Withdrawn")).Arguments.Single());

        // A disbursement waiting for approval: the fund's organisation.
        var fund = await app.NewOrganisationAsync(OrganisationType.InternationalOrganisation);
        var officer = await app.ClientAsync(Role.FundOfficer, fund.Id);
        var line = await app.WithDbAsync(async db =>
        {
            var donor = new Donor { OrganisationId = fund.Id, Name = "Notify donor" };
            var grant = new Grant { OrganisationId = fund.Id, DonorId = donor.Id, Name = "Notify grant", Amount = 100_000, Currency = "EUR", PeriodStart = DateTime.UtcNow.AddDays(-1), PeriodEnd = DateTime.UtcNow.AddYears(1) };
            var l = new BudgetLine { OrganisationId = fund.Id, GrantId = grant.Id, Category = AssistanceCategory.Medical, Amount = 100_000, Currency = "EUR" };
            db.AddRange(donor, grant, l);
            await db.SaveChangesAsync();
            return l.Id;
        });
        Assert.Equal(HttpStatusCode.Created, (await sender.PostJsonAsync("/api/v1/fund/disbursements",
            new RequestDisbursement.Request(second.Id, line, 4500, "EUR", "Dental treatment", "Dr Notify clinic", "INV-77"))).StatusCode);
        Assert.Equal(second.Reference, Assert.Single(await Of(officer, "Fund.ApprovalWaiting")).Arguments.Single());

        // Nothing personal anywhere: not in the stored notifications, not in their texts, not in the e-mails.
        var orgs = new[] { holder.Id, shelterOrg.Id, fund.Id };
        var ours = await app.WithDbAsync(db => db.Notifications().IgnoreQueryFilters().Where(n => orgs.Contains(n.OrganisationId)).ToListAsync());
        Assert.Equal(7, ours.Count);
        var forbidden = new[] { family, "Jelena", "Zlatna", "1998", "Ulica", "Dental", "No place for her" };
        foreach (var n in ours)
            foreach (var text in new[] { n.Arguments, n.Link, NotificationTexts.Render(n, null) })
                Assert.DoesNotContain(forbidden, f => text.Contains(f, StringComparison.OrdinalIgnoreCase));
        foreach (var m in clocked.Mail.Sent)
            Assert.DoesNotContain(forbidden, f => m.Body.Contains(f, StringComparison.OrdinalIgnoreCase) || m.Subject.Contains(f, StringComparison.OrdinalIgnoreCase));
    }
}
