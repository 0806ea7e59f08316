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

    /// <summary>Axe on every page this host's browser loads (see <see cref="Accessibility"/>).</summary>
    public Accessibility Axe { get; } = new();

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
            host.Axe.Watch(host.Context);
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
        Axe.Watch(context);
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

    /// <summary>
    /// Every page the test loaded, and the one it ends on, had no critical or serious violation of WCAG 2.2 A and AA
    /// rules. The last line of each browser test.
    /// </summary>
    public Task AssertAccessibleAsync() => Axe.AssertNoneAsync(Page);

    /// <summary>Axe on one page as it stands, for a test that drives a page of its own.</summary>
    public static Task AssertAccessibleAsync(IPage page) => new Accessibility().AssertNoneAsync(page);

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await _factory.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>
/// Axe (Deque.AxeCore.Playwright, axe-core) on every page a browser context loads, as the page finishes loading:
/// the rules of WCAG 2.0, 2.1 and 2.2 at levels A and AA. A test collects the findings as it walks and asserts at
/// the end (<see cref="AssertNoneAsync"/>) that none is critical or serious. A page the test left before axe finished
/// with it is checked where the test ends or on its next visit; navigation that cuts a check short is not a finding.
/// </summary>
public sealed class Accessibility
{
    public static readonly Deque.AxeCore.Commons.AxeRunOptions Options = new()
    {
        RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
        ResultTypes = [Deque.AxeCore.Commons.ResultType.Violations],
    };

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _findings = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _checked = new();
    private readonly List<Task> _runs = [];
    private readonly Lock _gate = new();

    /// <summary>The pages checked to the end, by path.</summary>
    public IReadOnlyCollection<string> Checked => [.. _checked.Keys];

    /// <summary>
    /// Scalar's API reference, a page for developers built from the vendor's template: its html element has no lang and
    /// its search placeholder too little contrast, neither of which Sigur's configuration can change.
    /// </summary>
    private static readonly string[] NotOurs = ["/api/reference"];

    /// <summary>Sigur's pages: not a new tab's about:blank, not the vendor's page above.</summary>
    private static bool Ours(string url) => url.StartsWith("http", StringComparison.Ordinal) && !NotOurs.Any(p => new Uri(url).AbsolutePath.StartsWith(p, StringComparison.Ordinal));

    public void Watch(IBrowserContext context) => context.Page += (_, page) => page.Load += (_, loaded) =>
    {
        if (!Ours(loaded.Url)) return;
        var run = CheckAsync(loaded);
        lock (_gate) _runs.Add(run);
    };

    /// <summary>Runs axe on the page as it stands; never throws (it runs from an event).</summary>
    public async Task CheckAsync(IPage page)
    {
        try
        {
            var path = new Uri(page.Url).AbsolutePath;
            var result = await page.RunAxe(Options);
            foreach (var v in result.Violations.Where(v => v.Impact is "critical" or "serious"))
                _findings.TryAdd($"{path} {v.Id}", $"{path}: {v.Id} ({v.Impact}) {v.Help} — {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
            _checked[path] = true;
        }
        catch (Exception e) when (e is PlaywrightException or UriFormatException or InvalidOperationException or TimeoutException)
        {
            // The page navigated or closed while axe ran: the next load of it is checked.
        }
    }

    public async Task AssertNoneAsync(IPage current)
    {
        if (Ours(current.Url)) await CheckAsync(current);
        Task[] runs;
        lock (_gate) runs = [.. _runs];
        await Task.WhenAll(runs);
        Assert.True(_checked.Count > 0, "axe checked no page");
        Assert.True(_findings.IsEmpty, "Critical or serious accessibility violations (WCAG 2.2 A/AA):\n" + string.Join("\n", _findings.Values.Order()));
    }
}
