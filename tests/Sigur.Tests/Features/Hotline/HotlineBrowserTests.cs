using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Hotline;

/// <summary>
/// In Debian's Chromium against Kestrel: a hotline worker logs a call, turns it into a case, screens the person, decides
/// they are a presumed victim with the recovery period opened, and — three weeks and three days later on the host's
/// clock — finds the recovery period's end among the deadlines due this week.
/// </summary>
public sealed class HotlineBrowserTests
{
    [Fact(Timeout = 240_000)]
    public async Task A_hotline_call_becomes_a_case_is_screened_decided_and_its_recovery_period_shows_on_the_dashboard()
    {
        await using var host = await BrowserHost.StartAsync();
        var worker = await host.AccountAsync(Role.CaseWorker, "browser.hotline", organisationName: "Browser test SOS hotline");
        var (page, clock) = (host.Page, host.Clock);
        await host.SignInAsync(worker);

        // The call, logged while it goes on.
        await page.GotoAsync("/Hotline");
        // An anonymous caller leaves no way to call back: the field goes while the switch is on.
        await Expect(page.Locator("#Form_CallerContact")).ToBeVisibleAsync();
        await page.CheckAsync("#Form_Anonymous");
        await Expect(page.Locator("#Form_CallerContact")).ToBeHiddenAsync();
        await page.UncheckAsync("#Form_Anonymous");
        await Expect(page.Locator("#Form_CallerContact")).ToBeVisibleAsync();
        await page.SelectOptionAsync("#Form_Channel", "Call");
        await page.SelectOptionAsync("#Form_CallerType", "PossibleVictim");
        await page.SelectOptionAsync("#Form_Urgency", "Urgent");
        await page.FillAsync("#Form_Language", "sq");
        await page.SelectOptionAsync("#Form_Region", "MK006");
        await page.FillAsync("#Form_WhatHappened", "Works on a farm for no pay; the employer keeps her passport.");
        await page.ClickAsync("#log-submit");
        await Expect(page.Locator("p.notice")).ToContainTextAsync("logged");
        var contactLink = page.Locator("#contacts tbody tr").First.Locator("td.ref a");
        var contactReference = (await contactLink.TextContentAsync())!.Trim();
        Assert.Matches(@"^H-\d{4}-\d{6}$", contactReference);

        // The urgent contact alerted the hotline (nobody is on duty).
        await page.GotoAsync("/Notifications");
        await Expect(page.Locator("#notifications")).ToContainTextAsync(contactReference);

        // Into a case.
        await page.GotoAsync("/Hotline");
        await page.Locator("#contacts").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = contactReference }).ClickAsync();
        await page.FillAsync("#GivenName", "Arta");
        await page.FillAsync("#FamilyName", "Berisha");
        await page.ClickAsync("#to-case-submit");
        await Expect(page).ToHaveURLAsync(new Regex("/Identification/Case/[0-9a-f-]{36}$"));
        var caseReference = (await page.Locator("h1 a").TextContentAsync())!.Trim();
        await Expect(page.Locator("#current-status")).ToHaveTextAsync("Potential victim");
        await Expect(page.Locator("#clock-table")).ToContainTextAsync("First identification decision");

        // A screening: it informs, it does not decide.
        await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { NameRegex = new Regex("Adults: general") }).ClickAsync();
        await page.CheckAsync("input[name=Observed][value=AG-DR1]");
        await page.CheckAsync("input[name=Observed][value=AG-EC2]");
        await page.CheckAsync("input[name=Observed][value=AG-CD1]");
        await page.ClickAsync("#screening-submit");
        await Expect(page.Locator("p.notice")).ToContainTextAsync("3 of");
        await Expect(page.Locator("#current-status")).ToHaveTextAsync("Potential victim");

        // The decision, with the recovery and reflection period opened.
        await page.SelectOptionAsync("#decision-to", "Presumed");
        await page.SelectOptionAsync("#decision-body", "Ngo");
        await page.FillAsync("#decision-reasons", "Deceptive recruitment, unpaid work, passport withheld.");
        await page.CheckAsync("#decision-recovery");
        await page.ClickAsync("#decide-submit");
        await Expect(page.Locator("#current-status")).ToHaveTextAsync("Presumed victim");
        await Expect(page.Locator("#decisions")).ToContainTextAsync("Deceptive recruitment");
        await Expect(page.Locator("#clock-table")).ToContainTextAsync("Recovery and reflection period");

        // Twenty-four days later the period's last day (day 30) is five days away: due this week.
        clock.Advance(TimeSpan.FromDays(24));
        await host.SignInAsync(worker);
        await Expect(page.Locator("#home-deadlines")).ToContainTextAsync(caseReference);
        await page.GotoAsync("/Identification/Due?scope=organisation");
        var row = page.Locator("#due-this-week tbody tr", new PageLocatorOptions { HasText = "Recovery and reflection period" });
        await Expect(row).ToContainTextAsync(caseReference);
        await Expect(row.Locator("td.num")).ToHaveTextAsync("5");
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Berisha");
        await host.AssertAccessibleAsync();
    }
}
