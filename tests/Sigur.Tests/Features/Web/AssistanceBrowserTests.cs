using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sigur.Data;
using Sigur.Features.Fund;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Web;

/// <summary>
/// A case through referral, shelter and fund in Chromium, as four people of three organisations who each sign in
/// with password and authenticator code: the social worker refers the case to a shelter, the shelter's staff accept
/// and admit the person, the social worker asks the fund to pay a cost, and a fund officer approves it.
/// </summary>
public sealed class AssistanceBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private sealed record Person(Guid Id, string UserName, string Password, string Key);

    [Fact(Timeout = 300_000)]
    public async Task Refer_to_a_shelter_accept_admit_then_request_and_approve_a_disbursement_as_two_people()
    {
        if (!File.Exists(Chromium))
        {
            if (Providers.IsCi) Assert.Fail($"{Chromium} is required in CI.");
            Assert.Skip($"{Chromium} is not installed.");
        }

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
            var port = FreeLoopbackPort();
            factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            factory.StartServer();
            var services = factory.Services;
            var centre = await OrganisationAsync(services, "Social work centre Kumanovo", OrganisationType.SocialWorkCentre);
            var shelterOrg = await OrganisationAsync(services, "Open Gate shelter", OrganisationType.ShelterOperator);
            var fundOrg = await OrganisationAsync(services, "National coordinator's office", OrganisationType.NationalCoordinatorOffice);
            var worker = await UserAsync(services, "worker.kumanovo", Role.CaseWorker, centre);
            var staff = await UserAsync(services, "staff.opengate", Role.ShelterStaff, shelterOrg);
            var officer = await UserAsync(services, "officer.fund", Role.FundOfficer, fundOrg);
            var shelterId = await ShelterAsync(services, shelterOrg);
            await GrantAsync(services, fundOrg);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var address = $"http://127.0.0.1:{port}";

            // The social worker registers the case, records the person's consent for the shelter, and refers.
            var w = await SignInAsync(browser, address, worker);
            await w.GotoAsync("/Cases/New");
            await w.FillAsync("#Form_GivenName", "Ana");
            await w.FillAsync("#Form_FamilyName", "Stojanovska");
            await w.SelectOptionAsync("#Form_Sex", "Female");
            await w.SelectOptionAsync("#Form_IntakeChannel", "Hotline");
            await w.CheckAsync("input[name='Form.FormsOfExploitation'][value='ForcedBegging']");
            await w.ClickAsync("main button[type=submit]");
            await Expect(w).ToHaveURLAsync(new Regex("/Cases/Details/[0-9a-f-]{36}$"));
            var caseId = Guid.Parse(w.Url[^36..]);
            var reference = (await w.Locator("h1").TextContentAsync())!.Replace("Case", "", StringComparison.Ordinal).Trim();

            await w.GotoAsync($"/Referrals/Refer/{caseId}");
            await w.SelectOptionAsync("#Recipients", shelterOrg.ToString());
            await w.CheckAsync("input[name='Groups'][value='Identity']");
            await w.FillAsync("#Purpose", "Safe accommodation");
            await w.FillAsync("#ValidUntil", DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            await w.ClickAsync("form[action*='handler=Consent'] button[type=submit]");
            await Expect(w.Locator("p.notice")).ToContainTextAsync("Saved.");
            await w.SelectOptionAsync("#Recipient", shelterOrg.ToString());
            await w.CheckAsync("input[name='Services'][value='Accommodation']");
            await w.ClickAsync("form[action*='handler=Refer'] button[type=submit]");
            await Expect(w.Locator("section[aria-labelledby=referrals] table")).ToContainTextAsync("Open Gate shelter");

            // The shelter's staff accept the referral and admit the person.
            var s = await SignInAsync(browser, address, staff);
            await s.GotoAsync("/Referrals/Inbox");
            var incoming = s.Locator("section[aria-labelledby=incoming] tr", new PageLocatorOptions { HasText = reference });
            await incoming.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Accept" }).ClickAsync();
            await Expect(s.Locator("p.notice")).ToContainTextAsync("The referral was updated.");
            await Expect(s.Locator("section[aria-labelledby=incoming] tr", new PageLocatorOptions { HasText = reference })).ToContainTextAsync("Accepted");
            await s.GotoAsync($"/Shelters/Manage/{shelterId}");
            await s.FillAsync("#admit-reference", reference);
            await s.ClickAsync("#admit");
            await Expect(s.Locator("p.notice")).ToContainTextAsync("The person was admitted.");
            await Expect(s.Locator("table.residents")).ToContainTextAsync(reference);

            // The social worker asks the fund to pay for medicines…
            await w.GotoAsync("/Fund");
            await w.FillAsync("#CaseReference", reference);
            await w.FillAsync("#Amount", "45.50");
            await w.FillAsync("#Purpose", "Prescribed medicines");
            await w.FillAsync("#Supplier", "Apteka Zdravje");
            await w.FillAsync("#ReceiptReference", "F-2026-0042");
            await w.ClickAsync("form[action*='handler=Request'] button[type=submit]");
            await Expect(w.Locator("p.notice")).ToContainTextAsync("The request was sent to the fund.");
            // …which the requester cannot approve herself: there is no button for her.
            var own = w.Locator("table.disbursements tr", new PageLocatorOptions { HasText = "F-2026-0042" });
            await Expect(own).ToContainTextAsync("Requested");
            await Expect(own.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Approve" })).ToHaveCountAsync(0);

            // A fund officer, the second pair of eyes, approves it.
            var o = await SignInAsync(browser, address, officer);
            await o.GotoAsync("/Fund");
            var row = o.Locator("table.disbursements tr", new PageLocatorOptions { HasText = "F-2026-0042" });
            await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Approve" }).ClickAsync();
            await Expect(o.Locator("p.notice")).ToContainTextAsync("The request was decided.");
            await Expect(o.Locator("table.disbursements tr", new PageLocatorOptions { HasText = "F-2026-0042" })).ToContainTextAsync("Approved");

            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
            var d = await db.Set<Disbursement>().IgnoreQueryFilters().SingleAsync(x => x.CaseId == caseId);
            Assert.Equal((DisbursementStatus.Approved, 4_550L, worker.Id, officer.Id), (d.Status, d.Amount, d.RequestedBy, d.DecidedBy!.Value));
            var stay = await db.Set<ShelterPlacement>().IgnoreQueryFilters().SingleAsync(x => x.CaseId == caseId);
            Assert.Equal((shelterId, (DateTime?)null), (stay.ShelterId, stay.DischargedAt));
        }
        finally
        {
            await factory.DisposeAsync();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>A fresh browser context for one person: password, then the authenticator code the test computes.</summary>
    private static async Task<IPage> SignInAsync(IBrowser browser, string address, Person person)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = address, Locale = "en-GB" });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.FillAsync("#UserName", person.UserName);
        await page.FillAsync("#Password", person.Password);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        await page.FillAsync("#Code", Totp.Code(person.Key));
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Home");
        return page;
    }

    private static async Task<Guid> OrganisationAsync(IServiceProvider services, string name, OrganisationType type)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var organisation = new Organisation { Name = name, Type = type, Region = "Kumanovo" };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    private static async Task<Person> UserAsync(IServiceProvider services, string userName, Role role, Guid organisationId)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
        var password = $"Browser-{Guid.NewGuid():N}";
        var user = new SigurUser { UserName = userName, DisplayName = userName, OrganisationId = organisationId, Role = role };
        Check(await users.CreateAsync(user, password));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return new Person(user.Id, userName, password, key);
    }

    private static async Task<Guid> ShelterAsync(IServiceProvider services, Guid organisationId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var shelter = new Shelter { OrganisationId = organisationId, Name = "Open Gate", Region = "Kumanovo", Address = "Secret street 1" };
        db.Add(shelter);
        db.Add(new ShelterPlaces { ShelterId = shelter.Id, Sex = PlaceSex.Female, AgeGroup = AgeGroup.Adult, Places = 15 });
        await db.SaveChangesAsync();
        return shelter.Id;
    }

    private static async Task GrantAsync(IServiceProvider services, Guid fundOrganisationId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var donor = new Donor { OrganisationId = fundOrganisationId, Name = "Donor Foundation" };
        var grant = new Grant { OrganisationId = fundOrganisationId, DonorId = donor.Id, Name = "Direct assistance 2026", Amount = 1_000_000, Currency = "EUR",
            PeriodStart = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), PeriodEnd = new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc) };
        db.AddRange(donor, grant, new BudgetLine { OrganisationId = fundOrganisationId, GrantId = grant.Id, Category = AssistanceCategory.Medical, Amount = 500_000, Currency = "EUR" });
        await db.SaveChangesAsync();
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
    }
}
