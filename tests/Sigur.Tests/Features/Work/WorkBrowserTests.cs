using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Work;

/// <summary>
/// In Debian's Chromium, through the pages alone: a case worker writes a task and finds it with Sigur's own overdue
/// deadline in "My work", marks it done; a supervisor gives the case to themselves from the team's caseload and
/// finds its task in their work. A case is closed (refused while a deadline runs, closed once it is carried over),
/// is read-only, and is reopened with a reason.
/// </summary>
public sealed class WorkBrowserTests
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<Guid> RegisterAsync(IPage page, string familyName, DateOnly intake)
    {
        await page.GotoAsync("/Cases/New");
        await page.FillAsync("#Form_GivenName", "Ilinka");
        await page.FillAsync("#Form_FamilyName", familyName);
        await page.FillAsync("#Form_IntakeDate", Iso(intake));
        await page.ClickAsync("main button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/Cases/Details/[0-9a-f-]{36}$"));
        return Guid.Parse(page.Url[^36..]);
    }

    [Fact(Timeout = 240_000)]
    public async Task A_case_worker_works_tasks_in_my_work_and_a_supervisor_takes_over_a_case()
    {
        await using var host = await BrowserHost.StartAsync();
        var page = host.Page;
        var worker = await host.AccountAsync(Role.CaseWorker, "browser.worker", type: OrganisationType.SocialWorkCentre, organisationName: "Browser social work centre");
        var supervisor = await host.AccountAsync(Role.Supervisor, "browser.supervisor", worker.OrganisationId);
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

        // An intake a month ago: the first identification decision is overdue, and Sigur says so as a task.
        await host.SignInAsync(worker);
        var caseId = await RegisterAsync(page, "Taskova", today.AddDays(-30));
        await page.ClickAsync("#tasks-link");
        await page.FillAsync("#task-title", "Call the school");
        await page.FillAsync("#task-due", Iso(today.AddDays(1)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Write the task" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToHaveTextAsync("The task was written.");
        await Expect(page.Locator("#case-tasks")).ToContainTextAsync("Call the school");

        await page.ClickAsync("#my-work-link");
        await Expect(page.Locator("h1")).ToHaveTextAsync("My work");
        await Expect(page.Locator("#my-tasks-table")).ToContainTextAsync("Call the school");
        await Expect(page.Locator("#my-tasks-table")).ToContainTextAsync("A legal deadline falls due");
        await Expect(page.Locator("#overdue-table")).ToContainTextAsync("A legal deadline falls due");
        await Expect(page.Locator("#overdue-table")).Not.ToContainTextAsync("Call the school");
        await page.Locator("#my-tasks-table tr", new() { HasText = "Call the school" }).GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToHaveTextAsync("The task is done.");
        await Expect(page.Locator("#my-tasks-table")).Not.ToContainTextAsync("Call the school");

        // A second task, then the supervisor takes the case over from the team's caseload.
        await page.GotoAsync($"/Work/Case/{caseId}");
        await page.FillAsync("#task-title", "Visit at home");
        await page.FillAsync("#task-due", Iso(today.AddDays(2)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Write the task" }).ClickAsync();
        await Expect(page.Locator("#case-tasks")).ToContainTextAsync("Visit at home");

        await host.SignInAsync(supervisor);
        await page.ClickAsync("#my-work-link");
        await Expect(page.Locator("#my-tasks")).ToBeVisibleAsync();
        await Expect(page.Locator("main")).Not.ToContainTextAsync("Visit at home");
        await page.ClickAsync("#team-link");
        await Expect(page.Locator("#team-table tr", new() { HasText = "Browser CaseWorker" })).ToContainTextAsync("1");
        await page.SelectOptionAsync($"#give-{caseId}", supervisor.UserId.ToString());
        await page.Locator("#team-cases tr", new() { Has = page.Locator($"#give-{caseId}") }).GetByRole(AriaRole.Button, new() { Name = "Give" }).ClickAsync();
        await Expect(page.Locator("p.notice")).ToHaveTextAsync("Who answers for the case was saved.");
        await page.ClickAsync("#my-work-link");
        await Expect(page.Locator("#my-tasks-table")).ToContainTextAsync("Visit at home");
    }

    [Fact(Timeout = 240_000)]
    public async Task A_case_is_closed_once_its_deadline_is_carried_over_is_read_only_and_is_reopened()
    {
        await using var host = await BrowserHost.StartAsync();
        var page = host.Page;
        var worker = await host.AccountAsync(Role.CaseWorker, "browser.closer", type: OrganisationType.SocialWorkCentre, organisationName: "Browser social work centre");
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime);

        await host.SignInAsync(worker);
        var caseId = await RegisterAsync(page, "Closova", today.AddDays(-3));
        await page.ClickAsync("#closure-link");
        await Expect(page.Locator("h1")).ToContainTextAsync("Close the case");
        var deadline = page.Locator("#open-items-table tbody tr", new() { HasText = "Running deadline" });
        await Expect(deadline).ToHaveCountAsync(1);

        // Refused while the deadline runs and is not carried over.
        await page.SelectOptionAsync("#closure-reason", "GoalsMet");
        await page.ClickAsync("#close-case");
        await Expect(page.Locator("#closure-refused")).ToContainTextAsync("Settle or carry over what is still open on the case");
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("Active");

        // Carried over consciously: closed.
        await page.SelectOptionAsync("#closure-reason", "ContactLost");
        await deadline.Locator("input[name=CarryOver]").CheckAsync();
        await page.ClickAsync("#close-case");
        await Expect(page.Locator("p.notice")).ToHaveTextAsync("The case was closed.");
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("Closed");
        await Expect(page.Locator("#closure-history-table")).ToContainTextAsync("Contact lost");

        // Read-only: no edit on the case, no new task.
        await page.GotoAsync($"/Cases/Details/{caseId}");
        await Expect(page.Locator($"a[href='/Cases/Edit/{caseId}']")).ToHaveCountAsync(0);
        await page.ClickAsync("#tasks-link");
        await Expect(page.Locator("#case-closed")).ToBeVisibleAsync();
        await Expect(page.Locator("#task-title")).ToHaveCountAsync(0);

        // Reopened with a reason.
        await page.GotoAsync($"/Cases/Details/{caseId}");
        await page.ClickAsync("#closure-link");
        await page.FillAsync("#reopen-reason", "She came back and asks for help.");
        await page.ClickAsync("#reopen-case");
        await Expect(page.Locator("p.notice")).ToHaveTextAsync("The case was reopened.");
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("Active");
        await Expect(page.Locator("#closure-history-table tbody tr")).ToHaveCountAsync(2);
        await page.GotoAsync($"/Cases/Details/{caseId}");
        await Expect(page.Locator($"a[href='/Cases/Edit/{caseId}']")).ToHaveCountAsync(1);
    }
}
