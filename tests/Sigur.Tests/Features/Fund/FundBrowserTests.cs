using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Data;
using Sigur.Features.Fund;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Fund;

/// <summary>In Chromium, through the pages alone: a fund officer adds a donor, then a grant of that donor with two budget lines, typed in euros.</summary>
public sealed class FundBrowserTests
{
    [Fact(Timeout = 300_000)]
    public async Task A_fund_officer_adds_a_donor_and_a_grant_with_budget_lines_that_the_fund_page_then_shows()
    {
        await using var host = await BrowserHost.StartAsync();
        var officer = await host.AccountAsync(Role.FundOfficer, "officer.grants", type: OrganisationType.NationalCoordinatorOffice, organisationName: "Coordinator's office");
        var page = host.Page;
        await host.SignInAsync(officer);

        await page.ClickAsync("nav a[href='/Fund']");
        await page.ClickAsync("#grants-link");
        await page.FillAsync("#DonorName", "Nordic Foundation");
        await page.ClickAsync("#add-donor");
        await Expect(page.Locator("p.notice")).ToContainTextAsync("The donor was added.");
        await Expect(page.Locator("#donor-list")).ToContainTextAsync("Nordic Foundation");

        await page.FillAsync("#Grant_Name", "Direct assistance 2027");
        await page.FillAsync("#Grant_Amount", "20000");
        await page.FillAsync("#Grant_Currency", "EUR");
        await page.FillAsync("#Grant_PeriodStart", "2027-01-01");
        await page.FillAsync("#Grant_PeriodEnd", "2027-12-31");
        await page.FillAsync("#line-Medical", "7500.50");
        await page.FillAsync("#line-Accommodation", "10000");
        await BrowserHost.AssertAccessibleAsync(page);
        // Lines beyond the grant are refused beside the lines, and nothing is written.
        await page.FillAsync("#line-Legal", "5000");
        await page.ClickAsync("#add-grant");
        await Expect(page.Locator("span[data-valmsg-for='Grant.Lines']")).ToContainTextAsync("The lines add up to more than the grant.");
        await page.FillAsync("#line-Legal", "");
        await page.ClickAsync("#add-grant");
        await Expect(page.Locator("p.notice")).ToContainTextAsync("The grant was added with its budget lines.");
        await Expect(page.Locator("#grant-list")).ToContainTextAsync("Direct assistance 2027");

        await page.ClickAsync("nav a[href='/Fund']");
        var grant = page.Locator("table.grant");
        await Expect(grant).ToContainTextAsync("7,500.50 EUR");
        await Expect(grant).ToContainTextAsync("10,000.00 EUR");

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var g = await db.Set<Grant>().IgnoreQueryFilters().AsNoTracking().SingleAsync(x => x.Name == "Direct assistance 2027");
        Assert.Equal((officer.OrganisationId, 2_000_000L, "EUR"), (g.OrganisationId, g.Amount, g.Currency));
        var lines = await db.Set<BudgetLine>().IgnoreQueryFilters().AsNoTracking().Where(l => l.GrantId == g.Id).ToListAsync();
        Assert.Equal([(AssistanceCategory.Medical, 750_050L), (AssistanceCategory.Accommodation, 1_000_000L)], lines.OrderBy(l => l.Category).Select(l => (l.Category, l.Amount)));
    }
}
