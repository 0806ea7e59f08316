using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Tests.Infrastructure;

/// <summary>
/// A whole Sigur host over a real database (a fresh SQLite file, or a fresh database in the throwaway PostgreSQL
/// cluster), reached over HTTP as clients reach it. Tests isolate themselves by creating their own organisations and
/// users, so one host can serve a whole test class.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;
    private readonly string _dir;
    private readonly string _connectionString;

    public string Provider { get; }
    public string? SqliteFile { get; }
    public LogCapture Logs { get; } = new();
    public IServiceProvider Services => _factory.Services;
    public WebApplicationFactory<Program> Factory => _factory;

    private TestApp(string provider, string connectionString, string dir, string? sqliteFile, Action<IWebHostBuilder>? configure)
    {
        Provider = provider;
        SqliteFile = sqliteFile;
        _dir = dir;
        _connectionString = connectionString;
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", provider);
            b.UseSetting("Database:MigrateAtStartup", "true");
            b.UseSetting("ConnectionStrings:Sigur", connectionString);
            b.UseSetting("Sigur:KeyEncryptionKeyFile", Path.Combine(dir, "sigur.kek"));
            b.UseSetting("Sigur:DemoData", "false");
            b.UseSetting("Duplicates:ScanHourUtc", "-1"); // tests start the duplicate scan themselves
            // Every test makes and signs in its own users: at the production 100,000 PBKDF2 rounds the hashing alone was
            // minutes of the suite's CPU. What the tests check (which password is accepted, lockout, one-time passwords)
            // does not depend on the round count, which each hash records.
            b.ConfigureServices(s => s.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
            // Every test request comes from one address; the sign-in tests set their own limits and addresses.
            b.UseSetting("Sigur:SignInLimits:AttemptsPerAddress", "1000000");
            b.UseSetting("Sigur:SignInLimits:FailuresPerAccount", "1000000");
            b.ConfigureServices(s => s.AddTransient<Microsoft.AspNetCore.Hosting.IStartupFilter, TestAddresses>());
            b.ConfigureLogging(l =>
            {
                l.AddProvider(Logs);
                l.AddFilter<LogCapture>(null, LogLevel.Trace);
            });
            configure?.Invoke(b);
        });
    }

    public static async Task<TestApp> StartAsync(string provider, Action<IWebHostBuilder>? configure = null)
    {
        Providers.RequireAvailable(provider);
        var dir = Directory.CreateTempSubdirectory("sigur-test-").FullName;
        TestApp app;
        if (provider == Providers.Sqlite)
        {
            var file = Path.Combine(dir, "sigur.db");
            app = new TestApp(provider, $"Data Source={file}", dir, file, configure);
        }
        else
        {
            app = new TestApp(provider, await PostgresCluster.Shared.CreateDatabaseAsync(), dir, null, configure);
        }
        _ = app._factory.Server; // starts the host: migrations, first key, first administrator
        return app;
    }

    public HttpClient AnonymousClient() => _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public async Task<T> WithDbAsync<T>(Func<SigurDb, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SigurDb>());
    }

    public async Task<Organisation> NewOrganisationAsync(OrganisationType type = OrganisationType.Ngo) =>
        await WithDbAsync(async db =>
        {
            var o = new Organisation { Name = $"Test {type} {Guid.NewGuid():N}"[..40], Type = type, Region = "Skopje" };
            db.Organisations.Add(o);
            await db.SaveChangesAsync();
            return o;
        });

    /// <summary>A user with an enrolled authenticator, ready to sign in with password and code.</summary>
    public async Task<TestUser> NewUserAsync(Role role, Guid organisationId)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
        var password = $"Test-{Guid.NewGuid():N}";
        var user = new SigurUser { UserName = $"u{Guid.NewGuid():N}"[..20], DisplayName = $"Test {role}", OrganisationId = organisationId, Role = role };
        Check(await users.CreateAsync(user, password));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Check(await users.SetTwoFactorEnabledAsync(user, true));
        return new TestUser(user.Id, user.UserName!, password, key, organisationId, role);
    }

    public async Task<HttpClient> SignInAsync(TestUser user)
    {
        var client = AnonymousClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { user.UserName, user.Password, Code = await Totp.FreshCodeAsync(Services, user.Id, user.AuthenticatorKey) });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        return client;
    }

    /// <summary>A signed-in client of a new user with <paramref name="role"/> in <paramref name="organisationId"/>.</summary>
    public async Task<HttpClient> ClientAsync(Role role, Guid organisationId) => await SignInAsync(await NewUserAsync(role, organisationId));

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        // Only this host's pool: clearing every pool would close connections other hosts are about to use.
        if (SqliteFile is not null)
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={SqliteFile}");
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        }
        else await PostgresCluster.Shared.DropDatabaseAsync(_connectionString);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private sealed record TokenResponse(string AccessToken);
}

/// <summary>
/// Lets a test request say which address it comes from (<c>X-Test-Address</c>), for the limits per address: over
/// HTTP in process every request comes from nowhere.
/// </summary>
public sealed class TestAddresses : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string Header = "X-Test-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (System.Net.IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}

public sealed record TestUser(Guid Id, string UserName, string Password, string AuthenticatorKey, Guid OrganisationId, Role Role);
