using System.Net;
using Sigur.Features.Fund;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform.Notifications;

/// <summary>
/// A notification for a whole organisation reaches only the roles that act on it: a disbursement waiting for approval
/// reaches the fund's officers, not the analyst, the data-protection officer or the administrator of the fund's
/// organisation, who would otherwise learn the references of other organisations' cases.
/// </summary>
public sealed class NotificationAudienceTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task Fund_approval_notices_reach_fund_officers_only(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync();
        var fund = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var line = await app.WithDbAsync(async db =>
        {
            var donor = new Donor { OrganisationId = fund.Id, Name = "Audience donor" };
            var grant = new Grant { OrganisationId = fund.Id, DonorId = donor.Id, Name = "Audience grant", Amount = 100_000, Currency = "EUR", PeriodStart = DateTime.UtcNow.AddDays(-1), PeriodEnd = DateTime.UtcNow.AddYears(1) };
            var l = new BudgetLine { OrganisationId = fund.Id, GrantId = grant.Id, Category = AssistanceCategory.Medical, Amount = 100_000, Currency = "EUR" };
            db.AddRange(donor, grant, l);
            await db.SaveChangesAsync();
            return l.Id;
        });
        var clients = new Dictionary<Role, HttpClient>();
        foreach (var role in new[] { Role.FundOfficer, Role.Analyst, Role.DataProtectionOfficer, Role.Administrator, Role.NationalCoordinator })
            clients[role] = await app.ClientAsync(role, fund.Id);

        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync("/api/v1/fund/disbursements",
            new RequestDisbursement.Request(c.Id, line, 4500, "EUR", "Dental treatment", "Clinic", "INV-1"))).StatusCode);

        var noticeId = (await (await clients[Role.FundOfficer].GetAsync("/api/v1/notifications")).ReadAsync<NotificationApi.Response>()).Items.Single().Id;
        foreach (var (role, client) in clients)
        {
            var mine = await (await client.GetAsync("/api/v1/notifications")).ReadAsync<NotificationApi.Response>();
            var notices = mine.Items.Where(n => n.Kind == "Fund.ApprovalWaiting").ToList();
            if (role == Role.FundOfficer)
            {
                Assert.Equal(c.Reference, Assert.Single(notices).Arguments.Single());
                Assert.Equal(1, mine.Unread);
            }
            else
            {
                Assert.Empty(mine.Items);
                Assert.Equal(0, mine.Unread);
                Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/notifications/{noticeId}/read", null)).StatusCode);
            }
        }
        Assert.Equal(HttpStatusCode.NoContent, (await clients[Role.FundOfficer].PostAsync($"/api/v1/notifications/{noticeId}/read", null)).StatusCode);
    }

    [Fact]
    public void Every_kind_of_notification_names_the_roles_it_is_for()
    {
        Assert.Equal(NotificationTexts.English.Keys.Order(), NotificationAudience.PolicyOf.Keys.Order());
        foreach (var role in new[] { Role.Analyst, Role.DataProtectionOfficer, Role.Administrator })
            Assert.Empty(NotificationAudience.KindsFor(role));
        Assert.Equal(["Fund.ApprovalWaiting"], NotificationAudience.KindsFor(Role.FundOfficer).Where(k => k.StartsWith("Fund.", StringComparison.Ordinal)));
    }
}
