using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Account;

/// <summary>Sessions end on the server; refresh tokens work once; authenticator codes work once; recovery codes count toward lockout.</summary>
public sealed class SessionTests : IClassFixture<AppPool>
{
    public sealed record Tokens(string AccessToken, string RefreshToken, long ExpiresIn);

    private static async Task<HttpResponseMessage> TokenAsync(TestApp app, TestUser user, string? code = null) =>
        await app.AnonymousClient().PostJsonAsync("/api/v1/auth/token",
            new { user.UserName, user.Password, Code = code ?? await Totp.FreshCodeAsync(app.Services, user.Id, user.AuthenticatorKey) });

    private static async Task<Tokens> SignInAsync(TestApp app, TestUser user)
    {
        var response = await TokenAsync(app, user);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<Tokens>();
    }

    private static HttpClient Bearer(TestApp app, string accessToken)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private static Task<HttpResponseMessage> RefreshAsync(TestApp app, string refreshToken) =>
        app.AnonymousClient().PostJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    [Theory, BothProviders]
    public async Task Signing_out_on_the_web_ends_the_session_and_a_copied_cookie_stops_working(TestApp app)
    {
        var user = await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var browser = app.AnonymousClient();
        var signedIn = await browser.SignInOnPagesAsync(app, user);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = WebSignIn.SetCookie(signedIn, "sigur")!.Split(';')[0];
        var thief = app.AnonymousClient();
        thief.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Cases")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync("/Account/Logout", [])).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/Cases")).StatusCode);
        Assert.StartsWith("/Account/Login", (await thief.GetAsync("/Cases")).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory, BothProviders]
    public async Task Signing_out_over_the_api_ends_the_bearer_and_the_refresh_token(TestApp app)
    {
        var user = await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var tokens = await SignInAsync(app, user);
        Assert.Equal(15 * 60, tokens.ExpiresIn);
        var client = Bearer(app, tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        var other = await SignInAsync(app, user);

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/signout", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, tokens.RefreshToken)).StatusCode);
        // Only that session: the same user's other sign-in goes on.
        Assert.Equal(HttpStatusCode.OK, (await Bearer(app, other.AccessToken).GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_refresh_token_works_once_and_its_reuse_ends_the_session(TestApp app)
    {
        var user = await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var first = await SignInAsync(app, user);

        var refreshed = await RefreshAsync(app, first.RefreshToken);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = await refreshed.ReadAsync<Tokens>();
        Assert.Equal(HttpStatusCode.OK, (await Bearer(app, second.AccessToken).GetAsync("/api/v1/me")).StatusCode);
        var third = await (await RefreshAsync(app, second.RefreshToken)).ReadAsync<Tokens>();

        // The first refresh token again: someone copied it. The whole session ends, the newest tokens with it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, first.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Bearer(app, third.AccessToken).GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, third.RefreshToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, "not a token")).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Of_parallel_refreshes_with_one_token_exactly_one_wins(TestApp app)
    {
        var user = await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var tokens = await SignInAsync(app, user);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => RefreshAsync(app, tokens.RefreshToken))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(11, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Theory, BothProviders]
    public async Task A_password_change_an_authenticator_reset_and_disabling_revoke_the_refresh_token(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var admin = await app.ClientAsync(Role.Administrator, org.Id);
        foreach (var change in new Func<TestUser, Task>[]
        {
            user => WithUserAsync(app, user, (users, u) => users.ChangePasswordAsync(u, user.Password, user.Password + "-new")),
            user => WithUserAsync(app, user, (users, u) => users.ResetAuthenticatorKeyAsync(u)),
            async user => Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{user.Id}/disable", null)).StatusCode),
        })
        {
            var user = await app.NewUserAsync(Role.CaseWorker, org.Id);
            var tokens = await SignInAsync(app, user);
            await change(user);
            Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(app, tokens.RefreshToken)).StatusCode);
        }
    }

    private static async Task WithUserAsync(TestApp app, TestUser user, Func<UserManager<SigurUser>, SigurUser, Task<IdentityResult>> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
        Assert.True((await change(users, (await users.FindByIdAsync(user.Id.ToString()))!)).Succeeded);
    }

    [Theory, BothProviders]
    public async Task An_authenticator_code_is_accepted_once_and_not_two_steps_late(TestApp app)
    {
        var user = await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var now = DateTimeOffset.UtcNow;
        var code = Totp.Code(user.AuthenticatorKey, now);

        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(app, user, code)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(app, user, code)).StatusCode);
        // An older code after a newer one is refused too: steps only move forward.
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(app, user, Totp.Code(user.AuthenticatorKey, now.AddSeconds(-30)))).StatusCode);

        var other = await app.NewUserAsync(Role.CaseWorker, user.OrganisationId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenAsync(app, other, Totp.Code(other.AuthenticatorKey, now.AddSeconds(-60)))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Of_parallel_sign_ins_with_one_code_exactly_one_wins(TestApp app)
    {
        var user = await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var code = Totp.Code(user.AuthenticatorKey);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => TokenAsync(app, user, code))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, answers.Count(a => a.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Theory, BothProviders]
    public async Task Wrong_recovery_codes_count_toward_the_lockout(TestApp app)
    {
        var user = await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        string recoveryCode;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
            recoveryCode = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.Id.ToString()))!, 10))!.First();
        }
        var browser = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PasswordAsync(user.UserName, user.Password)).StatusCode);

        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["RecoveryCode"] = $"wrong-{i}" })).StatusCode);
        Assert.Equal(4, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));
        await browser.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["RecoveryCode"] = "wrong-4" });

        // Locked: even the right recovery code is refused now, and it stays unused.
        var right = await browser.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["RecoveryCode"] = recoveryCode });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("recovery code is wrong", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
    }
}
