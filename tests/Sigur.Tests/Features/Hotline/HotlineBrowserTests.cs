using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Sigur.Data;
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
    private const string Chromium = "/usr/bin/chromium";

    [Fact(Timeout = 240_000)]
    public async Task A_hotline_call_becomes_a_case_is_screened_decided_and_its_recovery_period_shows_on_the_dashboard()
    {
        if (!File.Exists(Chromium))
        {
            if (Providers.IsCi) Assert.Fail($"{Chromium} is required in CI.");
            Assert.Skip($"{Chromium} is not installed.");
        }

        var dir = Directory.CreateTempSubdirectory("sigur-hotline-browser-").FullName;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", Providers.Sqlite);
            b.UseSetting("Database:MigrateAtStartup", "true");
            b.UseSetting("ConnectionStrings:Sigur", $"Data Source={Path.Combine(dir, "sigur.db")}");
            b.UseSetting("Sigur:KeyEncryptionKeyFile", Path.Combine(dir, "sigur.kek"));
            b.UseSetting("Sigur:DemoData", "false");
            b.UseSetting("Identification:ReminderIntervalMinutes", "0");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            factory.StartServer();
            var (userName, password, key) = await NewHotlineWorkerAsync(factory.Services);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = $"http://127.0.0.1:{port}", Locale = "en-GB" });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();

            async Task SignInAsync()
            {
                await page.GotoAsync("/");
                await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
                await page.FillAsync("#UserName", userName);
                await page.FillAsync("#Password", password);
                await page.ClickAsync("main button[type=submit]");
                await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
                // The code is checked against real time or the host's clock, depending on the Identity version.
                foreach (var at in new DateTimeOffset?[] { null, clock.GetUtcNow() })
                {
                    await page.FillAsync("#Code", Totp.Code(key, at));
                    await page.ClickAsync("main button[type=submit]");
                    if (!page.Url.Contains("LoginWith2fa", StringComparison.Ordinal)) break;
                }
                await Expect(page.Locator("h1")).ToHaveTextAsync("Home");
            }

            await SignInAsync();

            // The call, logged while it goes on.
            await page.GotoAsync("/Hotline");
            await page.SelectOptionAsync("#Form_Channel", "Call");
            await page.SelectOptionAsync("#Form_CallerType", "PossibleVictim");
            await page.SelectOptionAsync("#Form_Urgency", "Urgent");
            await page.FillAsync("#Form_Language", "sq");
            await page.FillAsync("#Form_Region", "Tetovo");
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
            await context.ClearCookiesAsync();
            await SignInAsync();
            await Expect(page.Locator("#home-deadlines")).ToContainTextAsync(caseReference);
            await page.GotoAsync("/Identification/Due?scope=organisation");
            var row = page.Locator("#due-this-week tbody tr", new PageLocatorOptions { HasText = "Recovery and reflection period" });
            await Expect(row).ToContainTextAsync(caseReference);
            await Expect(row.Locator("td.num")).ToHaveTextAsync("5");
            await Expect(page.Locator("main")).Not.ToContainTextAsync("Berisha");
        }
        finally
        {
            await factory.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<(string UserName, string Password, string Key)> NewHotlineWorkerAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var organisation = new Organisation { Name = "Browser test SOS hotline", Type = OrganisationType.Ngo, Region = "Skopje" };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
        var password = $"Browser-{Guid.NewGuid():N}";
        var user = new SigurUser { UserName = "browser.hotline", DisplayName = "Browser Hotline Worker", OrganisationId = organisation.Id, Role = Role.CaseWorker };
        foreach (var result in new[] { await users.CreateAsync(user, password), await users.ResetAuthenticatorKeyAsync(user) })
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        await users.SetTwoFactorEnabledAsync(user, true);
        return (user.UserName, password, key);
    }
}
