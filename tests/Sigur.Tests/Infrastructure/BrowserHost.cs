using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Infrastructure;

/// <summary>
/// Sigur on Kestrel (a loopback port, a fresh SQLite file, a clock the test moves) and Debian's headless Chromium on a
/// page of it, for the browser tests that sign in as several users. Skips only where Chromium is missing outside CI.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _dir;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public IServiceProvider Services => _factory.Services;
    public string BaseUrl { get; private set; } = "";
    public IBrowserContext Context { get; private set; } = null!;
    public IPage Page { get; private set; } = null!;
    /// <summary>What Chromium refused under the Content-Security-Policy on the host's own page.</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> PolicyViolations { get; } = [];

    public sealed record Account(string UserName, string Password, string Key, Guid OrganisationId, Guid UserId);

    private BrowserHost(string dir)
    {
        _dir = dir;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", Providers.Sqlite);
            b.UseSetting("Database:MigrateAtStartup", "true");
            b.UseSetting("ConnectionStrings:Sigur", $"Data Source={Path.Combine(dir, "sigur.db")}");
            b.UseSetting("Sigur:KeyEncryptionKeyFile", Path.Combine(dir, "sigur.kek"));
            b.UseSetting("Sigur:DemoData", "false");
            b.UseSetting("Identification:ReminderIntervalMinutes", "0");
            b.UseSetting("Sigur:SignInLimits:AttemptsPerAddress", "1000000");
            b.UseSetting("Sigur:SignInLimits:FailuresPerAccount", "1000000");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        });
    }

    /// <summary>Browser tests skip only where Chromium is not installed, and never in CI.</summary>
    public static void RequireChromium()
    {
        if (File.Exists(Chromium)) return;
        if (Providers.IsCi) Assert.Fail($"{Chromium} is required in CI.");
        Assert.Skip($"{Chromium} is not installed.");
    }

    public static async Task<BrowserHost> StartAsync()
    {
        RequireChromium();
        var host = new BrowserHost(Directory.CreateTempSubdirectory("sigur-browser-").FullName);
        try
        {
            var port = PostgresCluster.FreePort();
            host._factory.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
            host._factory.StartServer();
            host._playwright = await Playwright.CreateAsync();
            host._browser = await host._playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            host.BaseUrl = $"http://127.0.0.1:{port}";
            host.Context = await host._browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl, Locale = "en-GB" });
            host.Context.SetDefaultTimeout(30_000);
            host.Context.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) host.PolicyViolations.Add(message.Text);
            };
            host.Page = await host.Context.NewPageAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>An organisation (or the given one) and a user of <paramref name="role"/> in it, with an enrolled authenticator.</summary>
    public async Task<Account> AccountAsync(Role role, string userName, Guid? organisationId = null, OrganisationType type = OrganisationType.Ngo, string organisationName = "Browser test organisation")
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        if (organisationId is null)
        {
            var organisation = new Organisation { Name = organisationName, Type = type, Region = "Skopje" };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            organisationId = organisation.Id;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
        var password = $"Browser-{Guid.NewGuid():N}";
        var user = new SigurUser { UserName = userName, DisplayName = $"Browser {role}", OrganisationId = organisationId.Value, Role = role };
        foreach (var result in new[] { await users.CreateAsync(user, password), await users.ResetAuthenticatorKeyAsync(user) })
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        await users.SetTwoFactorEnabledAsync(user, true);
        return new Account(userName, password, key, organisationId.Value, user.Id);
    }

    /// <summary>Signs in afresh (cookies cleared) with password and authenticator code, and lands on the home page.</summary>
    public async Task SignInAsync(Account account)
    {
        await Context.ClearCookiesAsync();
        await SignInOnAsync(Page, account);
    }

    /// <summary>A browser session of the user's own (own cookies, own page), signed in: for users who act side by side.</summary>
    public async Task<IPage> PageForAsync(Account account)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-GB" });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await SignInOnAsync(page, account);
        return page;
    }

    private async Task SignInOnAsync(IPage page, Account account)
    {
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.FillAsync("#UserName", account.UserName);
        await page.FillAsync("#Password", account.Password);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        await page.FillAsync("#Code", await Totp.FreshCodeAsync(Services, account.UserId, account.Key));
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Home");
    }

    /// <summary>Axe on the page as it stands (WCAG 2.2 A and AA rules): no critical or serious violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        });
        var serious = results.Violations.Where(v => v.Impact is "critical" or "serious")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, $"{page.Url}:\n{string.Join('\n', serious)}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _factory.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
