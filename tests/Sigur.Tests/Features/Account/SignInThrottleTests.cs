using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Account;

/// <summary>
/// Sign-in is throttled per address and per account (429 with Retry-After), nobody can lock someone else out, and an
/// unknown user name costs what a known one costs. Each test starts a host with small limits of its own.
/// </summary>
public sealed class SignInThrottleTests
{
    private static Task<TestApp> HostAsync(int attemptsPerAddress = 1000, int failuresPerAccount = 1000, PasswordVerifications? hashes = null) =>
        TestApp.StartAsync(Providers.Sqlite, b =>
        {
            b.UseSetting("Sigur:SignInLimits:AttemptsPerAddress", attemptsPerAddress.ToString());
            b.UseSetting("Sigur:SignInLimits:FailuresPerAccount", failuresPerAccount.ToString());
            if (hashes is not null) b.ConfigureTestServices(s => s.AddSingleton(hashes).AddScoped<IPasswordHasher<SigurUser>, CountingHasher>());
        });

    private static Task<HttpResponseMessage> TokenAsync(TestApp app, string address, string userName, string password, string code) =>
        WithAddress(app, address).PostJsonAsync("/api/v1/auth/token", new { userName, password, code });

    private static void AssertTooMany(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
    }

    [Fact]
    public async Task The_token_endpoint_answers_429_with_retry_after_beyond_the_attempts_of_an_address()
    {
        await using var app = await HostAsync(attemptsPerAddress: 5);
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(app, "192.0.2.1", $"nobody{i}", "a wrong password", "123456")).StatusCode);

        AssertTooMany(await TokenAsync(app, "192.0.2.1", "nobody", "a wrong password", "123456"));
        AssertTooMany(await WithAddress(app, "192.0.2.1").PostJsonAsync("/api/v1/auth/refresh", new { refreshToken = "x" }));
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(app, "192.0.2.2", "nobody", "a wrong password", "123456")).StatusCode);
    }

    private static HttpClient WithAddress(TestApp app, string address)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add(TestAddresses.Header, address);
        return client;
    }

    [Fact]
    public async Task Failures_on_one_account_from_one_address_are_throttled_and_the_owner_still_signs_in_from_another()
    {
        await using var app = await HostAsync(failuresPerAccount: 3);
        var admin = await app.NewUserAsync(Role.Administrator, (await app.NewOrganisationAsync()).Id);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(app, "198.51.100.7", admin.UserName, "guess number " + i, "123456")).StatusCode);

        // The attacker's address is done for a while, even with the right credentials; the name's case makes no difference.
        var code = await Totp.FreshCodeAsync(app.Services, admin.Id, admin.AuthenticatorKey);
        AssertTooMany(await TokenAsync(app, "198.51.100.7", admin.UserName.ToUpperInvariant(), admin.Password, code));
        // The owner, elsewhere, is not locked out, and the database lockout has not counted the wrong passwords.
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(app, "203.0.113.9", admin.UserName, admin.Password, code)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.Where(u => u.Id == admin.Id).Select(u => u.AccessFailedCount).SingleAsync()));
    }

    [Fact]
    public async Task The_sign_in_pages_answer_429_with_retry_after_and_say_so()
    {
        await using var app = await HostAsync(failuresPerAccount: 2);
        var user = await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var browser = WithAddress(app, "192.0.2.50");
        Assert.Equal(HttpStatusCode.OK, (await browser.PasswordAsync(user.UserName, "wrong password one")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PasswordAsync(user.UserName, "wrong password two")).StatusCode);

        var refused = await browser.PasswordAsync(user.UserName, user.Password);
        AssertTooMany(refused);
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The second step counts toward the same budget: a fresh address gets past the password, then wrong codes run out.
        var other = WithAddress(app, "192.0.2.51");
        Assert.Equal(HttpStatusCode.Redirect, (await other.PasswordAsync(user.UserName, user.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = "000000" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = "000001" })).StatusCode);
        AssertTooMany(await other.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = "000002" }));
        AssertTooMany(await other.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["RecoveryCode"] = "abcde-fghij" }));
    }

    [Fact]
    public async Task An_unknown_disabled_or_locked_account_costs_one_password_hash_as_a_known_one_does()
    {
        var hashes = new PasswordVerifications();
        await using var app = await HostAsync(hashes: hashes);
        var org = await app.NewOrganisationAsync();
        var known = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var disabled = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var locked = await app.NewUserAsync(Role.CaseWorker, org.Id);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
            var d = (await users.FindByIdAsync(disabled.Id.ToString()))!;
            d.IsDisabled = true;
            await users.UpdateAsync(d);
            await users.SetLockoutEndDateAsync((await users.FindByIdAsync(locked.Id.ToString()))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        foreach (var (name, web) in new[] { (known.UserName, false), ("nobody-" + Guid.NewGuid().ToString("N")[..8], false), (disabled.UserName, false), (locked.UserName, false),
                     (known.UserName, true), ("nobody-web", true), (disabled.UserName, true), (locked.UserName, true) })
        {
            var before = hashes.Count;
            var answer = web
                ? await app.AnonymousClient().PasswordAsync(name, "a wrong password")
                : await TokenAsync(app, "192.0.2.9", name, "a wrong password", "123456");
            Assert.Equal(web ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.True(hashes.Count - before == 1, $"{(web ? "page" : "api")} {(name == known.UserName ? "known" : name == disabled.UserName ? "disabled" : name == locked.UserName ? "locked" : "unknown")}: {hashes.Count - before} hashes");
        }
    }

    public sealed class PasswordVerifications
    {
        private int _count;
        public int Count => Volatile.Read(ref _count);
        public void Add() => Interlocked.Increment(ref _count);
    }

    /// <summary>Identity's own hasher, counted: the figure that makes the time of the answer.</summary>
    private sealed class CountingHasher(PasswordVerifications count) : IPasswordHasher<SigurUser>
    {
        private readonly PasswordHasher<SigurUser> _inner = new();
        public string HashPassword(SigurUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(SigurUser user, string hashedPassword, string providedPassword)
        {
            count.Add();
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
