using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Duplicates;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Home;

/// <summary>
/// Each role's home page shows its work: the data-protection officer the duplicate queue, the coordinator free shelter
/// places and the statistics, the analyst the statistics; the administrator's audit page names people, actions and cases.
/// </summary>
public sealed partial class HomePageTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task The_data_protection_officer_coordinator_and_analyst_find_their_work_on_the_home_page(TestApp app)
    {
        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var dpo = await Pages.ReadAsync(await app.ClientAsync(Role.DataProtectionOfficer, office.Id), "/", "en");
        Assert.Matches(PairsWaiting(), dpo);
        Assert.Contains("href=\"/Duplicates/Review\"", dpo);

        var coordinator = await Pages.ReadAsync(await app.ClientAsync(Role.NationalCoordinator, office.Id), "/", "en");
        Assert.Matches(PlacesFree(), coordinator);
        Assert.Contains("id=\"home-statistics\"", coordinator);
        Assert.Contains("href=\"/Justice\"", coordinator);

        var analyst = await Pages.ReadAsync(await app.ClientAsync(Role.Analyst, office.Id), "/", "en");
        Assert.Contains("id=\"home-statistics\"", analyst);
        Assert.Contains("href=\"/Statistics/Table\"", analyst);
        Assert.DoesNotContain("id=\"home-duplicates\"", analyst);
    }

    [Theory, BothProviders]
    public async Task The_audit_page_names_people_actions_and_cases(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var user = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var worker = await app.SignInAsync(user);
        var c = await worker.RegisterAsync();
        await worker.GetAsync($"/api/v1/cases/{c.Id}");
        var admin = await app.ClientAsync(Role.Administrator, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);

        var page = await Pages.ReadAsync(admin, $"/Admin/Audit?UserId={user.Id}", "en");
        Assert.Contains($"Test CaseWorker ({user.UserName})", page);
        Assert.Contains("<td>Case worker</td>", page);
        Assert.Contains("<td class=\"action\">Read</td>", page);
        Assert.Contains($"<td class=\"record\">Case {c.Reference}</td>", page);
        Assert.DoesNotContain($"<code>{c.Id}</code>", page);
        Assert.DoesNotContain(">CaseWorker<", page);
        Assert.Contains("<option value=\"read\">Read</option>", page);
    }

    [Theory, BothProviders]
    public async Task The_scan_shows_its_progress_without_reloading_the_page(string provider)
    {
        // A host of its own: the scan is one per host, held running here while the page is read.
        await using var app = await TestApp.StartAsync(provider);
        var dpo = await app.ClientAsync(Role.DataProtectionOfficer, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);
        var progress = app.Services.GetRequiredService<PersonScanProgress>();
        Assert.True(progress.TryStart(DateTime.UtcNow));
        progress.Report("comparing", 40, 100);

        var page = await Pages.ReadAsync(dpo, "/Duplicates/Review", "en");
        Assert.DoesNotContain("http-equiv", page);
        Assert.Contains("<progress id=\"scan-progress\" max=\"100\" value=\"40\"", page);
        Assert.Contains("data-live=\"running\"", page);
        Assert.Contains("<script src=\"/live.js?v=", page);
        Assert.Contains("href=\"/Duplicates/Review\" id=\"scan-refresh\"", page);

        progress.Finish(DateTime.UtcNow, 0, failed: false);
        Assert.Contains("data-live=\"done\"", await Pages.ReadAsync(dpo, "/Duplicates/Review", "en"));
    }

    [GeneratedRegex(@"Pairs waiting for a decision: \d+")]
    private static partial Regex PairsWaiting();

    [GeneratedRegex(@"\d+ of \d+ places free in \d+ shelters")]
    private static partial Regex PlacesFree();
}
