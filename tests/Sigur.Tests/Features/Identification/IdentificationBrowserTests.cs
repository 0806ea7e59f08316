using Sigur.Host;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Identification;

/// <summary>
/// In Debian's Chromium: an administrator publishes a new version of an indicator checklist (a Macedonian text changed,
/// an indicator added in English and Albanian); a case worker registers a foreign person of unknown age who may be a
/// child, records the age assessment that ends the presumption of minority, and records a residence permit, its
/// renewal request and the renewal granted.
/// </summary>
public sealed class IdentificationBrowserTests
{
    [Fact(Timeout = 240_000)]
    public async Task An_administrator_publishes_a_checklist_and_a_case_worker_records_an_age_assessment_and_a_permit_renewal()
    {
        await using var host = await BrowserHost.StartAsync();
        var page = host.Page;
        var admin = await host.AccountAsync(Role.Administrator, "browser.admin", organisationName: "Browser test administration");
        var worker = await host.AccountAsync(Role.CaseWorker, "browser.worker", type: OrganisationType.SocialWorkCentre, organisationName: "Browser test social work centre");

        // The administrator: checklists → one checklist → publish version 2.
        await host.SignInAsync(admin);
        await page.ClickAsync("#checklists-link");
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Adults: labour exploitation, begging and forced criminality" }).ClickAsync();
        await Expect(page.Locator("#checklist-version")).ToHaveTextAsync("1");
        await page.ClickAsync("#edit-checklist");
        await page.FillAsync("#text-0-mk", "Измамен за работата или работодавачот (нова верзија)");
        var blank = await page.Locator("fieldset.indicator").CountAsync() - 3;
        await page.FillAsync($"#code-{blank}", "AL-NEW1");
        await page.SelectOptionAsync($"#dimension-{blank}", "CoercionAtDestination");
        await page.SelectOptionAsync($"#strength-{blank}", "Strong");
        await page.FillAsync($"#text-{blank}-en", "Sleeps at the workplace under guard");
        await page.FillAsync($"#text-{blank}-sq", "Fle në vendin e punës nën roje");
        await page.ClickAsync("#publish-checklist");
        await Expect(page.Locator("p.notice")).ToHaveTextAsync("Version 2 of the checklist is published.");
        await Expect(page.Locator("#checklist-version")).ToHaveTextAsync("2");
        await Expect(page.Locator("main")).ToContainTextAsync("Sleeps at the workplace under guard");
        await Expect(page.Locator("#checklist-versions tbody tr")).ToHaveCountAsync(2);

        // The case worker: a person of unknown age who may be a child, an Albanian citizen.
        await host.SignInAsync(worker);
        await page.GotoAsync("/Cases/New");
        await page.FillAsync("#Form_GivenName", "Arbëresha");
        await page.FillAsync("#Form_FamilyName", "Gashi");
        await page.CheckAsync("#Form_PossiblyChild");
        await page.FillAsync("#Form_Citizenships", "AL");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/Cases/Details/[0-9a-f-]{36}$"));
        await page.ClickAsync("#identification-link");
        await Expect(page.Locator("h1 .badge.child")).ToBeVisibleAsync();

        // The age assessment finds an adult: the presumption of minority ends.
        await page.FillAsync("#age-by", "Clinical Hospital Tetovo");
        await page.SelectOptionAsync("#age-outcome", "Adult");
        await page.FillAsync("#age-estimate", "19");
        await page.ClickAsync("#age-submit");
        await Expect(page.Locator("p.notice")).ToBeVisibleAsync();
        await Expect(page.Locator("section[aria-labelledby=child]")).ToContainTextAsync("Age assessment: Adult");
        await Expect(page.Locator("h1 .badge.child")).ToHaveCountAsync(0);

        // A temporary residence permit for six months, its renewal requested, and granted for six more.
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByText("Record a temporary residence permit").ClickAsync();
        await page.SelectOptionAsync("#permit-type", "PersonalSituation");
        await page.FillAsync("#permit-until", Iso(today.AddMonths(6)));
        await page.Locator("form:has(#permit-type) button[type=submit]").ClickAsync();
        var permit = page.Locator("#clock-table tbody tr", new PageLocatorOptions { HasText = "Temporary residence permit" });
        await Expect(permit).ToBeVisibleAsync();
        await permit.Locator("form.renewal-request button[type=submit]").ClickAsync();
        await Expect(permit.Locator(".permit-renewal")).ToContainTextAsync("Renewal requested on");
        await permit.Locator("form.renewal-decision select").SelectOptionAsync("true");
        await permit.Locator("form.renewal-decision input[type=date][name='renewal.ValidUntil']").FillAsync(Iso(today.AddMonths(12)));
        await permit.Locator("form.renewal-decision button[type=submit]").ClickAsync();
        await Expect(permit.Locator(".permit-renewal")).ToContainTextAsync("renewed 1×");
        await Expect(permit).ToContainTextAsync(today.AddMonths(12).ToString("d", SigurHost.FormattingCulture("en")));
        await host.AssertAccessibleAsync();
    }
}
