using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.MobileTeams;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.MobileTeams;

public sealed class MobileTeamTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task The_coordinator_and_member_organisations_share_a_team_its_visits_and_its_report_and_nobody_else_sees_it(TestApp app)
    {
        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var ngo = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var police = await app.NewOrganisationAsync(OrganisationType.Police);
        var outsider = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var coordinator = await app.ClientAsync(Role.NationalCoordinator, office.Id);
        var team = await (await coordinator.PostJsonAsync("/api/v1/mobile-teams", new ManageTeams.Request("Team North", "Kumanovo",
            [new(ngo.Id, "Outreach worker A", "Social worker"), new(police.Id, "Officer B", "Border police")]))).ReadAsync<ManageTeams.TeamView>();
        Assert.Equal(office.Id, team.CoordinatorOrganisationId);
        var member = await app.ClientAsync(Role.CaseWorker, ngo.Id);
        var officer = await app.ClientAsync(Role.PoliceInvestigator, police.Id);
        var stranger = await app.ClientAsync(Role.CaseWorker, outsider.Id);

        Assert.Contains(await (await member.GetAsync("/api/v1/mobile-teams")).ReadAsync<List<ManageTeams.TeamView>>(), t => t.Id == team.Id);
        Assert.DoesNotContain(await (await stranger.GetAsync("/api/v1/mobile-teams")).ReadAsync<List<ManageTeams.TeamView>>(), t => t.Id == team.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/mobile-teams/{team.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/mobile-teams/{team.Id}/report")).StatusCode);
        // Only the coordinating organisation changes the membership.
        Assert.Equal(HttpStatusCode.NotFound, (await member.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/members", new ManageTeams.MemberInput(ngo.Id, "X", null))).StatusCode);

        var members = team.Members.Select(m => m.Id).ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var visits = new[]
        {
            new RecordFieldVisit.Request(today.AddDays(-40), "Kumanovo", "Bus station", members, 14, ["confiscated-documents", "debt-bondage"], 2, 1, ["MK-2026-000101", "MK-2026-000102"]),
            new RecordFieldVisit.Request(today.AddDays(-10), "Tabanovce", "Border crossing", [members[1]], 30, ["confiscated-documents"], 1, 1, ["MK-2026-000103"]),
            new RecordFieldVisit.Request(today.AddDays(-400), "Kumanovo", "Farm", [members[0]], 5, [], 0, 0, []),
        };
        Assert.Equal(HttpStatusCode.Created, (await member.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/visits", visits[0])).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await officer.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/visits", visits[1])).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/visits", visits[2])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/visits", visits[0])).StatusCode);

        var report = await (await coordinator.GetAsync($"/api/v1/mobile-teams/{team.Id}/report?from={today.AddDays(-90):yyyy-MM-dd}&to={today:yyyy-MM-dd}"))
            .ReadAsync<TeamReport.Response>();
        Assert.Equal((2, 44, 3, 2), (report.Visits, report.PersonsMet, report.Identifications, report.Referrals));
        Assert.Equal(2, report.Indicators["confiscated-documents"]);
        Assert.Equal(["Kumanovo", "Tabanovce"], report.ByRegion.Select(r => r.Key));
        Assert.Equal(3, (await (await member.GetAsync($"/api/v1/mobile-teams/{team.Id}/visits")).ReadAsync<List<RecordFieldVisit.VisitView>>()).Count);
    }

    [Theory, BothProviders]
    public async Task A_visit_links_cases_by_reference_only_and_its_counts_must_add_up(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var team = await (await client.PostJsonAsync("/api/v1/mobile-teams", new ManageTeams.Request("Team South", "Gevgelija",
            [new(org.Id, "Worker", "Social worker")]))).ReadAsync<ManageTeams.TeamView>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var good = new RecordFieldVisit.Request(today, "Gevgelija", "Railway station", [team.Members[0].Id], 3, ["isolation"], 1, 1, ["MK-2026-000200"]);
        foreach (var (request, field) in new[]
        {
            (good with { CaseReferences = ["Marija Petrović"] }, "caseReferences"),
            (good with { Identifications = 4 }, "identifications"),
            (good with { MemberIds = [Guid.NewGuid()] }, "memberIds"),
            (good with { Indicators = ["Has a scar on the left arm"] }, "indicators"),
            (good with { VisitedOn = today.AddDays(1) }, "visitedOn"),
        })
        {
            var response = await client.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/visits", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/visits", good)).StatusCode);
        // The place is encrypted at rest.
        var stored = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT place AS \"Value\" FROM field_visits").ToListAsync());
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, p => p.Contains("Railway", StringComparison.Ordinal));
    }

    [Theory, BothProviders]
    public async Task A_member_chosen_among_user_accounts_is_named_and_placed_as_the_account_says_and_a_disabled_account_is_refused(TestApp app)
    {
        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var ngo = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var coordinator = await app.ClientAsync(Role.NationalCoordinator, office.Id);
        var worker = (await (await (await app.ClientAsync(Role.CaseWorker, ngo.Id)).GetAsync("/api/v1/me")).ReadAsync<Sigur.Features.Account.GetMe.Me>()).UserId;
        var gone = (await (await (await app.ClientAsync(Role.CaseWorker, ngo.Id)).GetAsync("/api/v1/me")).ReadAsync<Sigur.Features.Account.GetMe.Me>()).UserId;
        var name = await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == gone)).IsDisabled = true;
            await db.SaveChangesAsync();
            return await db.Users.Where(u => u.Id == worker).Select(u => u.DisplayName).SingleAsync();
        });
        var team = await (await coordinator.PostJsonAsync("/api/v1/mobile-teams", new ManageTeams.Request("Team West", "Tetovo", []))).ReadAsync<ManageTeams.TeamView>();

        // The organisation given is overruled by the account's; the name left empty is the account's.
        var added = await coordinator.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/members", new ManageTeams.MemberInput(office.Id, "", "Social worker", worker));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var member = await added.ReadAsync<ManageTeams.MemberView>();
        Assert.Equal((ngo.Id, name, (Guid?)worker), (member.OrganisationId, member.Name, member.UserId));
        Assert.Equal(HttpStatusCode.BadRequest,
            (await coordinator.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/members", new ManageTeams.MemberInput(ngo.Id, "Gone", null, gone))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest,
            (await coordinator.PostJsonAsync($"/api/v1/mobile-teams/{team.Id}/members", new ManageTeams.MemberInput(ngo.Id, "Nobody", null, Guid.NewGuid()))).StatusCode);
        // Members without an account stay possible; the account's organisation now sees the team.
        var teamAfter = await (await coordinator.GetAsync($"/api/v1/mobile-teams/{team.Id}")).ReadAsync<ManageTeams.TeamView>();
        Assert.Equal([worker], teamAfter.Members.Select(m => m.UserId));
        var ngoClient = await app.ClientAsync(Role.CaseWorker, ngo.Id);
        Assert.Equal(HttpStatusCode.OK, (await ngoClient.GetAsync($"/api/v1/mobile-teams/{team.Id}")).StatusCode);
    }
}
