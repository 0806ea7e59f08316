using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Cases;

/// <summary>
/// The web UI in Debian's Chromium against the real Kestrel server on a loopback port: sign in with password and
/// authenticator code, register a case for a person named in Cyrillic, find it by the Latin spelling, open it, and
/// switch the interface to Serbian Cyrillic. Skips only where Chromium is missing outside CI.
/// </summary>
public sealed class CaseBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact(Timeout = 180_000)]
    public async Task Case_worker_signs_in_with_totp_registers_a_case_finds_it_across_scripts_and_switches_language()
    {
        BrowserHost.RequireChromium();

        var dir = Directory.CreateTempSubdirectory("sigur-browser-").FullName;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", Providers.Sqlite);
            b.UseSetting("Database:MigrateAtStartup", "true");
            b.UseSetting("ConnectionStrings:Sigur", $"Data Source={Path.Combine(dir, "sigur.db")}");
            b.UseSetting("Sigur:KeyEncryptionKeyFile", Path.Combine(dir, "sigur.kek"));
            b.UseSetting("Sigur:DemoData", "false");
        });
        try
        {
            var port = PostgresCluster.FreePort();
            factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            factory.StartServer();
            var address = $"http://127.0.0.1:{port}";
            var (userName, password, key) = await NewCaseWorkerAsync(factory.Services);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address, Locale = "en-GB" });
            context.SetDefaultTimeout(30_000);
            var axe = new Accessibility();
            axe.Watch(context);
            var page = await context.NewPageAsync();

            // Sign in: password, then the authenticator code.
            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
            await page.FillAsync("#UserName", userName);
            await page.FillAsync("#Password", password);
            await page.ClickAsync("main button[type=submit]");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/LoginWith2fa"));
            await page.FillAsync("#Code", Totp.Code(key));
            await page.ClickAsync("main button[type=submit]");
            await Expect(page.Locator("h1")).ToHaveTextAsync("Home");

            // Intake: a person named in Cyrillic.
            await page.GotoAsync("/Cases/New");
            await page.FillAsync("#Form_GivenName", "Јована");
            await page.FillAsync("#Form_FamilyName", "Петровић");
            await page.SelectOptionAsync("#Form_IntakeChannel", "Hotline");
            await page.CheckAsync("input[name='Form.FormsOfExploitation'][value='ForcedBegging']");
            await page.ClickAsync("main button[type=submit]");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Cases/Details/[0-9a-f-]{36}$"));
            var reference = (await page.Locator("h1").TextContentAsync())!.Replace("Case", "", StringComparison.Ordinal).Trim();

            // Search by the Latin spelling, without diacritics; the name never appears in the address.
            await page.GotoAsync("/Cases");
            await page.FillAsync("#q", "jovana petrovic");
            await page.ClickAsync("#search");
            var row = page.Locator("table.cases tbody tr", new PageLocatorOptions { HasText = "Јована Петровић" });
            await Expect(row).ToHaveCountAsync(1);
            Assert.DoesNotContain("petrovic", page.Url, StringComparison.OrdinalIgnoreCase);
            await row.GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = reference }).ClickAsync();
            await Expect(page.Locator("main")).ToContainTextAsync("Јована Петровић");
            await Expect(page.Locator("main")).ToContainTextAsync("Forced begging");

            // The interface in Serbian Cyrillic.
            await page.SelectOptionAsync("#culture", "sr-Cyrl");
            await page.ClickAsync("#set-culture");
            await Expect(page.Locator("header nav")).ToContainTextAsync("Случајеви");
            await Expect(page.Locator("main")).ToContainTextAsync("Принудно просјачење");
            Assert.Equal("sr-Cyrl", await page.Locator("html").GetAttributeAsync("lang"));
            await axe.AssertNoneAsync(page);
        }
        finally
        {
            await factory.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A case worker with an enrolled authenticator whose key the test knows.</summary>
    private static async Task<(string UserName, string Password, string Key)> NewCaseWorkerAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var organisation = new Organisation { Name = "Browser test social work centre", Type = OrganisationType.SocialWorkCentre, Region = "Skopje" };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
        var password = $"Browser-{Guid.NewGuid():N}";
        var user = new SigurUser { UserName = "browser.caseworker", DisplayName = "Browser Case Worker", OrganisationId = organisation.Id, Role = Role.CaseWorker };
        Check(await users.CreateAsync(user, password));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return (user.UserName, password, key);
    }


    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
    }
}
