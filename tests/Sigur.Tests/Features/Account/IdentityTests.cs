using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Admin;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Account;

public sealed class IdentityTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task Disabling_an_account_signs_it_out_everywhere_at_once(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var user = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var sessionA = await app.SignInAsync(user);
        var sessionB = await app.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await sessionA.GetAsync("/api/v1/me")).StatusCode);
        var admin = await app.ClientAsync(Role.Administrator, org.Id);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{user.Id}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await sessionA.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await sessionB.GetAsync("/api/v1/cases")).StatusCode);
        var again = await app.AnonymousClient().PostJsonAsync("/api/v1/auth/token", new { user.UserName, user.Password, Code = await Totp.FreshCodeAsync(app.Services, user.Id, user.AuthenticatorKey) });
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Theory, BothProviders]
    public async Task Two_factors_are_required_and_five_wrong_codes_lock_the_account(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var user = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var anonymous = app.AnonymousClient();

        var noCode = await anonymous.PostJsonAsync("/api/v1/auth/token", new { user.UserName, user.Password, Code = "" });
        Assert.Equal(HttpStatusCode.Unauthorized, noCode.StatusCode);
        // Wrong passwords do not lock the account (anyone can send them; they are throttled, see SignInThrottleTests).
        for (var i = 0; i < 5; i++)
            await anonymous.PostJsonAsync("/api/v1/auth/token", new { user.UserName, Password = "not the password", Code = "123456" });
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync()));
        // Wrong codes after the right password do: only someone who has the password can send them.
        for (var i = 0; i < 4; i++)
            await anonymous.PostJsonAsync("/api/v1/auth/token", new { user.UserName, user.Password, Code = "000000" });
        var locked = await anonymous.PostJsonAsync("/api/v1/auth/token", new { user.UserName, user.Password, Code = await Totp.FreshCodeAsync(app.Services, user.Id, user.AuthenticatorKey) });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync());
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Theory, BothProviders]
    public async Task Passwords_need_twelve_characters_and_new_accounts_get_a_one_time_password(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
        var shortPassword = await users.CreateAsync(new SigurUser { UserName = $"s{Guid.NewGuid():N}"[..12], OrganisationId = org.Id }, "eleven-char");
        Assert.False(shortPassword.Succeeded);

        var admin = await app.ClientAsync(Role.Administrator, org.Id);
        var created = await (await admin.PostJsonAsync("/api/v1/users", new ManageUsers.UserInput($"n{Guid.NewGuid():N}"[..12], "New worker", null, org.Id, Role.CaseWorker)))
            .ReadAsync<ManageUsers.Created>();
        Assert.True(created.OneTimePassword.Length >= 12);
        var stored = await users.FindByIdAsync(created.User.Id.ToString());
        Assert.True(stored!.MustChangePassword);
        Assert.False(stored.TwoFactorEnabled);
        // A one-time password alone never gives an API token: the account must first change it and enrol a second factor on the web.
        var token = await app.AnonymousClient().PostJsonAsync("/api/v1/auth/token", new { created.User.UserName, Password = created.OneTimePassword, Code = "000000" });
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
    }
}
