using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sigur.Data;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Duplicates;

/// <summary>
/// In Debian's Chromium against Kestrel: a case worker registering a person is shown the person their organisation
/// already holds (written in Cyrillic) and attaches the case to them; then the data-protection officer starts the
/// scan, watches it finish on the self-refreshing page, finds the same person held by the police and by the social
/// work centre in the queue, and confirms the pair.
/// </summary>
public sealed class DuplicatesBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact(Timeout = 300_000)]
    public async Task A_worker_sees_the_likely_existing_person_and_the_data_protection_officer_confirms_a_cross_organisation_pair()
    {
        BrowserHost.RequireChromium();

        var dir = Directory.CreateTempSubdirectory("sigur-duplicates-browser-").FullName;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", Providers.Sqlite);
            b.UseSetting("Database:MigrateAtStartup", "true");
            b.UseSetting("ConnectionStrings:Sigur", $"Data Source={Path.Combine(dir, "sigur.db")}");
            b.UseSetting("Sigur:KeyEncryptionKeyFile", Path.Combine(dir, "sigur.kek"));
            b.UseSetting("Sigur:DemoData", "false");
            b.UseSetting("Identification:ReminderIntervalMinutes", "0");
            b.UseSetting("Duplicates:ScanHourUtc", "-1");
        });
        try
        {
            var port = PostgresCluster.FreePort();
            factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            factory.StartServer();
            var baseUrl = $"http://127.0.0.1:{port}";
            var worker = await NewUserAsync(factory.Services, "browser.worker", Role.CaseWorker, OrganisationType.SocialWorkCentre);
            var officer = await NewUserAsync(factory.Services, "browser.police", Role.PoliceInvestigator, OrganisationType.Police);
            var dpo = await NewUserAsync(factory.Services, "browser.dpo", Role.DataProtectionOfficer, OrganisationType.NationalCoordinatorOffice);

            // What the two organisations registered earlier, over the API.
            var atCentre = await (await ApiClientAsync(factory.Services, baseUrl, worker)).RegisterAsync(DuplicateRequests.Person("Марија", "Стојановска", "1998-05-02"));
            var police = await ApiClientAsync(factory.Services, baseUrl, officer);
            var atPolice = await police.RegisterAsync(DuplicateRequests.Person("Marija", "Stojanovska", "1998-05-02"));
            foreach (var (given, family, born) in new[] { ("Arben", "Krasniqi", "1985-02-03"), ("Goran", "Petrovski", "1979-09-30"), ("Ana", "Ristova", "2003-06-17"),
                         ("Besa", "Gashi", "1992-11-05"), ("Omar", "Haidari", "2006-01-01") })
                await police.RegisterAsync(DuplicateRequests.Person(given, family, born));

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "en-GB" });
            context.SetDefaultTimeout(30_000);
            var axe = new Accessibility();
            axe.Watch(context);
            var page = await context.NewPageAsync();

            async Task SignInAsync(TestUser user)
            {
                await context.ClearCookiesAsync();
                await page.GotoAsync("/");
                await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
                await page.FillAsync("#UserName", user.UserName);
                await page.FillAsync("#Password", user.Password);
                await page.ClickAsync("main button[type=submit]");
                await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
                await page.FillAsync("#Code", await Totp.FreshCodeAsync(factory.Services, user.Id, user.AuthenticatorKey));
                await page.ClickAsync("main button[type=submit]");
                await Expect(page.Locator("h1")).ToHaveTextAsync("Home");
            }

            // Intake: typed in Latin, the person held in Cyrillic is offered; the police's person is not.
            await SignInAsync(worker);
            await page.GotoAsync("/Cases/New");
            await page.FillAsync("#Form_GivenName", "Marija");
            await page.FillAsync("#Form_FamilyName", "Stojanovska");
            await page.FillAsync("#Form_DateOfBirth", "1998-05-02");
            await page.ClickAsync("main button[type=submit].primary");
            var candidates = page.Locator("#candidates");
            await Expect(candidates).ToContainTextAsync("Марија Стојановска");
            await Expect(candidates.Locator("input[type=radio][name=PersonChoice]")).ToHaveCountAsync(2); // the person, and "none of these"
            await Expect(candidates.Locator("input[type=radio]:checked")).ToHaveCountAsync(0); // nothing chosen for the worker
            await page.CheckAsync($"#existing-{atCentre.PersonId}");
            await page.ClickAsync("main button[type=submit].primary");
            await Expect(page).ToHaveURLAsync(new Regex("/Cases/Details/"));
            var caseId = Guid.Parse(page.Url.Split('/').Last());
            var personOfNewCase = await WithDbAsync(factory.Services, db => db.Cases.IgnoreQueryFilters().Where(c => c.Id == caseId).Select(c => c.PersonId).SingleAsync());
            Assert.Equal(atCentre.PersonId, personOfNewCase);

            // The data-protection officer scans, watches the progress, and confirms the pair.
            await SignInAsync(dpo);
            await page.GotoAsync("/Duplicates/Review");
            await page.ClickAsync("#scan-now");
            await Expect(page.Locator("#scan-status")).ToContainTextAsync("finished", new() { Timeout = 120_000 });
            var pair = page.Locator("#pairs tbody tr", new PageLocatorOptions { HasText = "marija stojanovska" });
            await Expect(pair).ToHaveCountAsync(2);
            await Expect(page.Locator("#pairs")).Not.ToContainTextAsync("1998-05-02");
            await Expect(page.Locator("#pairs")).Not.ToContainTextAsync("Марија");
            await pair.First.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Same person" }).ClickAsync();
            await Expect(page.Locator("p.notice")).ToContainTextAsync("count as one person");
            await Expect(page.Locator("main")).Not.ToContainTextAsync("marija stojanovska");

            var link = await WithDbAsync(factory.Services, db => db.Set<PersonLink>().SingleAsync(l =>
                (l.PersonAId == atCentre.PersonId && l.PersonBId == atPolice.PersonId) || (l.PersonAId == atPolice.PersonId && l.PersonBId == atCentre.PersonId)));
            Assert.True(link.Confirmed);
            // The worker still cannot open the police's case.
            Assert.Equal(HttpStatusCode.NotFound, (await (await ApiClientAsync(factory.Services, baseUrl, worker)).GetAsync($"/api/v1/cases/{atPolice.Id}")).StatusCode);
            await axe.AssertNoneAsync(page);
        }
        finally
        {
            await factory.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<T> WithDbAsync<T>(IServiceProvider services, Func<SigurDb, Task<T>> action)
    {
        await using var scope = services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SigurDb>());
    }

    private static async Task<HttpClient> ApiClientAsync(IServiceProvider services, string baseUrl, TestUser user)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { user.UserName, user.Password, Code = await Totp.FreshCodeAsync(services, user.Id, user.AuthenticatorKey) });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    private sealed record TokenResponse(string AccessToken);

    private static async Task<TestUser> NewUserAsync(IServiceProvider services, string userName, Role role, OrganisationType type)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var organisation = new Organisation { Name = $"Browser test {type}", Type = type, Region = "Skopje" };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
        var password = $"Browser-{Guid.NewGuid():N}";
        var user = new SigurUser { UserName = userName, DisplayName = $"Browser {role}", OrganisationId = organisation.Id, Role = role };
        foreach (var result in new[] { await users.CreateAsync(user, password), await users.ResetAuthenticatorKeyAsync(user) })
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        await users.SetTwoFactorEnabledAsync(user, true);
        return new TestUser(user.Id, userName, password, key, organisation.Id, role);
    }
}
