using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Admin;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Platform.Notifications;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Account;

/// <summary>
/// Accounts that can be run: an administrator resets a password (one-time) or an authenticator (re-enrolment),
/// changes role and organisation, sees a user's sessions; each ends the user's sessions, is audited and notified. A
/// user sees their own sessions and signs the others out. `sigur admin reset` brings the first administrator back.
/// </summary>
public sealed class AccountAdministrationTests : IClassFixture<AppPool>
{
    private static Task<SigurUser> UserOf(TestApp app, Guid id) => app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    private static async Task AssertToldAndAudited(TestApp app, Guid userId, string kind, AuditAction action)
    {
        var (notices, audited) = await app.WithDbAsync(async db => (
            await db.Notifications().IgnoreQueryFilters().Where(n => n.UserId == userId).Select(n => n.Kind).ToListAsync(),
            await db.AuditEntries.CountAsync(a => a.Action == action.Text() && a.RecordIds == userId.ToString())));
        Assert.Contains(kind, notices);
        Assert.Equal(1, audited);
    }

    [Theory, BothProviders]
    public async Task An_administrator_resets_a_password_and_an_authenticator_and_moves_a_user(TestApp app)
    {
        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var centre = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var adminUser = await app.NewUserAsync(Role.Administrator, office.Id);
        var admin = await app.SignInAsync(adminUser);
        var worker = await app.NewUserAsync(Role.CaseWorker, centre.Id);
        var workerClient = await app.SignInAsync(worker);

        // A forgotten password: a one-time one, shown once; the old one and every session stop working.
        var reset = await (await admin.PostAsync($"/api/v1/users/{worker.Id}/password-reset", null)).ReadAsync<ManageAccounts.Reset>();
        Assert.False(string.IsNullOrEmpty(reset.OneTimePassword));
        Assert.True(reset.User.MustChangePassword);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
            var stored = (await users.FindByIdAsync(worker.Id.ToString()))!;
            Assert.True(await users.CheckPasswordAsync(stored, reset.OneTimePassword!));
            Assert.False(await users.CheckPasswordAsync(stored, worker.Password));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await workerClient.GetAsync("/api/v1/me")).StatusCode);
        await AssertToldAndAudited(app, worker.Id, "Account.PasswordReset", AuditAction.ResetPassword);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/users/{adminUser.Id}/password-reset", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/users/{Guid.NewGuid()}/password-reset", null)).StatusCode);

        // A lost phone and lost recovery codes: the authenticator is gone, to be enrolled anew at the next sign-in.
        var phoneLost = await app.NewUserAsync(Role.CaseWorker, centre.Id);
        var phoneLostClient = await app.SignInAsync(phoneLost);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/users/{phoneLost.Id}/authenticator-reset", null)).StatusCode);
        Assert.False((await UserOf(app, phoneLost.Id)).TwoFactorEnabled);
        Assert.Equal(0, await app.WithDbAsync(db => db.UserTokens.CountAsync(t => t.UserId == phoneLost.Id)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await phoneLostClient.GetAsync("/api/v1/me")).StatusCode);
        await AssertToldAndAudited(app, phoneLost.Id, "Account.AuthenticatorReset", AuditAction.ResetAuthenticator);

        // Moved to another role and organisation: signed out, and signed in again as what they are now.
        var moved = await app.NewUserAsync(Role.CaseWorker, centre.Id);
        var movedClient = await app.SignInAsync(moved);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutJsonAsync($"/api/v1/users/{moved.Id}/role", new ManageAccounts.RoleChange(Role.DataProtectionOfficer, centre.Id))).StatusCode);
        var police = await app.NewOrganisationAsync(OrganisationType.Police);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync($"/api/v1/users/{moved.Id}/role", new ManageAccounts.RoleChange(Role.Supervisor, police.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await movedClient.GetAsync("/api/v1/me")).StatusCode);
        var me = await (await app.SignInAsync(moved)).GetAsync("/api/v1/me");
        var now = await me.ReadAsync<Sigur.Features.Account.GetMe.Me>();
        Assert.Equal((Role.Supervisor, police.Id), (now.Role, now.OrganisationId));
        await AssertToldAndAudited(app, moved.Id, "Account.RoleChanged", AuditAction.ChangeRole);
    }

    [Theory, BothProviders]
    public async Task A_user_sees_their_sessions_and_signs_the_others_out_and_an_administrator_sees_them(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var user = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var laptop = await app.SignInAsync(user);
        var phone = await app.SignInAsync(user);
        var admin = await app.ClientAsync(Role.Administrator, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);

        var mine = await (await laptop.GetAsync("/api/v1/me/sessions")).ReadAsync<List<SessionsOf.Item>>();
        Assert.Equal(2, mine.Count(s => s.EndedAt is null));
        Assert.Single(mine, s => s.Current);

        Assert.Equal(HttpStatusCode.NoContent, (await laptop.PostAsync("/api/v1/me/sessions/sign-out-others", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/v1/me")).StatusCode);

        var seen = await (await admin.GetAsync($"/api/v1/users/{user.Id}/sessions")).ReadAsync<List<SessionsOf.Item>>();
        Assert.Equal(2, seen.Count);
        Assert.Single(seen, s => s.EndedAt is null);
        Assert.DoesNotContain(seen, s => s.Current);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/users/{Guid.NewGuid()}/sessions")).StatusCode);
    }

    /// <summary>`sigur admin reset` as the verb runs it (the system, no user): the first administrator is back, the others untouched.</summary>
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_first_administrator_is_reset_from_the_command_line(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        // The first administrator is the one made at first start; it was disabled and its phone lost, and a later one exists.
        var first = await app.WithDbAsync(db => db.Users.Where(u => u.Role == Role.Administrator).OrderBy(u => u.Id).FirstAsync());
        var later = await app.NewUserAsync(Role.Administrator, first.OrganisationId);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == first.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true).SetProperty(x => x.TwoFactorEnabled, true)));

        (string UserName, string OneTimePassword)? reset;
        await using (var scope = app.Services.CreateAsyncScope())
            reset = await ManageAccounts.ResetFirstAdministratorAsync(scope.ServiceProvider, TestContext.Current.CancellationToken);

        Assert.Equal(first.UserName, reset!.Value.UserName);
        var (was, other) = (await UserOf(app, first.Id), await UserOf(app, later.Id));
        Assert.False(was.IsDisabled);
        Assert.False(was.TwoFactorEnabled);
        Assert.True(was.MustChangePassword);
        Assert.True(other.TwoFactorEnabled);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
            Assert.True(await users.CheckPasswordAsync((await users.FindByIdAsync(first.Id.ToString()))!, reset.Value.OneTimePassword));
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditAction.ResetPassword.Text() && a.RecordIds == first.Id.ToString())));
    }
}
