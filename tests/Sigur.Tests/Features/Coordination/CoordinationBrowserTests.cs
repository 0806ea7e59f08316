using Microsoft.Playwright;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Coordination;

/// <summary>The coordination workspace through the pages alone, in headless Chromium.</summary>
public sealed class CoordinationBrowserTests
{
    [Fact(Timeout = 300_000)]
    public async Task The_secretariat_schedules_a_meeting_and_records_a_decision_and_the_owning_institution_reports_its_follow_up()
    {
        await using var host = await BrowserHost.StartAsync();
        var secretariat = await host.AccountAsync(Role.Secretariat, "coord.secretariat", type: OrganisationType.NationalCoordinatorOffice, organisationName: "National Coordinator's Office");
        var member = await host.AccountAsync(Role.BodyMember, "coord.member", type: OrganisationType.Police, organisationName: "Ministry of Interior");
        await host.SignInAsync(secretariat);
        var page = host.Page;

        await page.ClickAsync("nav >> text=Coordination");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Coordination");
        await page.FillAsync("#Name", "Advisory Body");
        await page.SelectOptionAsync("#Kind", "AdvisoryBody");
        await page.ClickAsync("button:has-text('Convene')");
        await Expect(page.Locator("h1")).ToContainTextAsync("Advisory Body");

        await page.SelectOptionAsync("#Institution", new SelectOptionValue { Label = "Ministry of Interior" });
        await page.FillAsync("#Person", "Head of the anti-trafficking unit");
        await page.FillAsync("#Deputy", "Deputy head");
        await page.ClickAsync("form:has(#Person) button[type=submit]");
        await Expect(page.Locator("#members-table")).ToContainTextAsync("Head of the anti-trafficking unit");

        await page.FillAsync("#Title", "Monthly meeting");
        await page.FillAsync("#Date", "2027-02-25");
        await page.FillAsync("#Time", "10:00");
        await page.SelectOptionAsync("#Repeat", "rule");
        await page.FillAsync("#Rule", "FREQ=MONTHLY;BYDAY=-1TH;COUNT=3");
        await page.FillAsync("#Agenda", "Adoption of the minutes\nAction plan progress");
        await page.ClickAsync("button:has-text('Schedule')");
        await Expect(page.Locator("#meetings-table tbody tr")).ToHaveCountAsync(3);

        await page.ClickAsync("#meetings-table tbody tr:first-child a");
        await Expect(page.Locator("#agenda-list li")).ToHaveTextAsync(["Adoption of the minutes", "Action plan progress"]);
        await page.FillAsync("#DecisionText", "Prepare the standard operating procedures for child victims.");
        await page.SelectOptionAsync("#Owner", new SelectOptionValue { Label = "Ministry of Interior" });
        await page.FillAsync("#Deadline", "2027-06-30");
        await page.ClickAsync("button:has-text('Record the decision')");
        await Expect(page.Locator("#meeting-decisions")).ToContainTextAsync("Prepare the standard operating procedures");

        await page.FillAsync("#Minutes", "The body reviewed the draft action plan.");
        await page.SelectOptionAsync("#Status", "Held");
        await page.ClickAsync("button:has-text('Save the sitting')");
        await Expect(page.Locator("#meeting-status")).ToHaveTextAsync("Held");
        await Expect(page.Locator("#minutes-text")).ToHaveTextAsync("The body reviewed the draft action plan.");

        // The owning institution is told, sees the body and reports how the follow-up goes.
        var theirs = await host.PageForAsync(member);
        await Expect(theirs.Locator("#notifications-link")).ToContainTextAsync("(1)");
        await theirs.ClickAsync("nav >> text=Coordination");
        await Expect(theirs.Locator("#bodies-table")).ToContainTextAsync("Advisory Body");
        var row = theirs.Locator("#decisions-table tbody tr", new() { HasText = "standard operating procedures" });
        await row.Locator("select[name=Status]").SelectOptionAsync("InProgress");
        await row.Locator("input[name=FollowUp]").FillAsync("Working group formed.");
        await row.Locator("button[type=submit]").ClickAsync();
        await Expect(theirs.Locator("p.notice")).ToHaveTextAsync("Saved.");
        await Expect(theirs.Locator("#decisions-table select[name=Status]")).ToHaveValueAsync("InProgress");
        // The body member schedules nothing: the form is not there.
        await theirs.ClickAsync("#bodies-table a");
        await Expect(theirs.Locator("#members-table")).ToBeVisibleAsync();
        await Expect(theirs.Locator("#Title")).ToHaveCountAsync(0);
    }

    [Fact(Timeout = 300_000)]
    public async Task The_secretariat_keeps_the_action_plan_and_an_institution_reports_progress_on_its_own_activity()
    {
        await using var host = await BrowserHost.StartAsync();
        var secretariat = await host.AccountAsync(Role.Secretariat, "plan.secretariat", type: OrganisationType.NationalCoordinatorOffice, organisationName: "National Coordinator's Office");
        var member = await host.AccountAsync(Role.BodyMember, "plan.member", type: OrganisationType.SocialWorkCentre, organisationName: "Ministry of Labour and Social Policy");
        await host.SignInAsync(secretariat);
        var page = host.Page;
        await page.GotoAsync("/Coordination");
        await page.FillAsync("#PlanTitle", "National action plan 2027–2030");
        await page.FillAsync("#PlanStarts", "2027-01-01");
        await page.FillAsync("#PlanEnds", "2030-12-31");
        await page.ClickAsync("button:has-text('Start the plan')");
        await Expect(page.Locator("h1")).ToContainTextAsync("National action plan 2027–2030");
        await page.FillAsync("#objective-code", "1");
        await page.FillAsync("#objective-title", "Assistance to victims");
        await page.ClickAsync("form:has(#objective-code) button[type=submit]");
        await page.FillAsync("#activity-code", "1.1");
        await page.FillAsync("#activity-title", "Open the Direct Assistance Fund");
        await page.SelectOptionAsync("#Responsible", new SelectOptionValue { Label = "Ministry of Labour and Social Policy" });
        await page.FillAsync("#Deadline", "2027-12-31");
        await page.FillAsync("#Budget", "150000");
        await page.FillAsync("#Indicator", "Victims assisted by the fund");
        await page.FillAsync("#Target", "120");
        await page.ClickAsync("form:has(#activity-code) button[type=submit]");
        await Expect(page.Locator("#activity-1\\.1")).ToContainTextAsync("Open the Direct Assistance Fund");
        await page.FillAsync("#PeriodName", "2027 H1");
        await page.FillAsync("#Starts", "2027-01-01");
        await page.FillAsync("#Ends", "2027-06-30");
        await page.ClickAsync("form:has(#PeriodName) button[type=submit]");
        await Expect(page.Locator("#scorecard-table")).ToContainTextAsync("0 / 1");
        var plan = page.Url;

        var theirs = await host.PageForAsync(member);
        await theirs.GotoAsync(plan);
        var form = theirs.Locator("form.report");
        await form.Locator("select[name=Status]").SelectOptionAsync("InProgress");
        await form.Locator("input[name=Actual]").FillAsync("35");
        await form.Locator("textarea[name=Narrative]").FillAsync("The fund's rules were adopted and the first payments made.");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(theirs.Locator("p.notice")).ToHaveTextAsync("Saved.");
        await Expect(theirs.Locator("#activity-1\\.1 .status")).ToHaveTextAsync("In progress");
        await Expect(theirs.Locator("#activity-1\\.1 .actual")).ToHaveTextAsync("35");
        await Expect(theirs.Locator("#scorecard-table")).ToContainTextAsync("1 / 1");
        await Expect(theirs.Locator("form.report")).ToHaveCountAsync(0); // reported: nothing left to report in the open period
    }
}
