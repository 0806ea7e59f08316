using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Admin;

/// <summary>
/// What an administrator does for a user who is locked out or moves: a new one-time password (a forgotten one), a
/// fresh authenticator enrolment (a lost phone with lost recovery codes), another role or organisation. Each ends
/// every session of the account (a new security stamp), is audited in the same transaction as the change, and is
/// notified to the user (no secret in the notification: the one-time password is shown to the administrator once).
/// </summary>
public static class ManageAccounts
{
    public const string Policy = Policies.Administration;

    public sealed record Reset(UserView User, string? OneTimePassword);
    public sealed record UserView(Guid Id, string UserName, string DisplayName, Guid OrganisationId, Role Role, bool IsDisabled, bool TwoFactorEnabled, bool MustChangePassword)
    {
        public static UserView From(SigurUser u) => new(u.Id, u.UserName ?? "", u.DisplayName, u.OrganisationId, u.Role, u.IsDisabled, u.TwoFactorEnabled, u.MustChangePassword);
    }

    public sealed record RoleChange(Role Role, Guid OrganisationId);

    public static async Task<Results<Ok<Reset>, ProblemHttpResult>> ResetPassword(Guid id, UserManager<SigurUser> users, SigurDb db, CurrentUser me,
        Platform.Audit.Audit audit, Notifier notifier, IMemoryCache cache, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Problems.NotFound();
        if (user.Id == me.UserId) return new Refusal("Change your own password on your account page.").Problem();
        var password = ManageUsers.OneTimePassword();
        await ApplyAsync(user, users, db, audit, notifier, cache, AuditAction.ResetPassword, "Account.PasswordReset", ct, u =>
        {
            u.PasswordHash = users.PasswordHasher.HashPassword(u, password);
            u.MustChangePassword = true;
            return Task.CompletedTask;
        });
        return TypedResults.Ok(new Reset(UserView.From(user), password));
    }

    public static async Task<Results<Ok<Reset>, ProblemHttpResult>> ResetAuthenticator(Guid id, UserManager<SigurUser> users, SigurDb db, CurrentUser me,
        Platform.Audit.Audit audit, Notifier notifier, IMemoryCache cache, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Problems.NotFound();
        if (user.Id == me.UserId) return new Refusal("Another administrator resets your own authenticator.").Problem();
        await ApplyAsync(user, users, db, audit, notifier, cache, AuditAction.ResetAuthenticator, "Account.AuthenticatorReset", ct, async u =>
        {
            // The old key and the recovery codes stop working; the next sign-in (password only) leads to enrolment, as the first one did.
            u.TwoFactorEnabled = false;
            await db.UserTokens.Where(t => t.UserId == u.Id).ExecuteDeleteAsync(ct);
        });
        return TypedResults.Ok(new Reset(UserView.From(user), null));
    }

    public static async Task<Results<Ok<Reset>, ValidationProblem, ProblemHttpResult>> ChangeRole(Guid id, RoleChange change, UserManager<SigurUser> users, SigurDb db,
        CurrentUser me, Platform.Audit.Audit audit, Notifier notifier, IMemoryCache cache, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Problems.NotFound();
        if (user.Id == me.UserId) return new Refusal("Another administrator changes your own role.").Problem();
        if (await ManageUsers.CheckRoleAsync(db, change.Role, change.OrganisationId, ct) is { Count: > 0 } errors) return TypedResults.ValidationProblem(errors);
        await ApplyAsync(user, users, db, audit, notifier, cache, AuditAction.ChangeRole, "Account.RoleChanged", ct, u =>
        {
            (u.Role, u.OrganisationId) = (change.Role, change.OrganisationId);
            return Task.CompletedTask;
        });
        return TypedResults.Ok(new Reset(UserView.From(user), null));
    }

    /// <summary>
    /// `sigur admin reset`: the first administrator (the one made at first start) gets a new one-time password and a
    /// fresh authenticator enrolment, and is enabled and unlocked: the way back in when no administrator can sign in.
    /// Null when there is no administrator.
    /// </summary>
    public static async Task<(string UserName, string OneTimePassword)?> ResetFirstAdministratorAsync(IServiceProvider sp, CancellationToken ct)
    {
        var db = sp.GetRequiredService<SigurDb>();
        var users = sp.GetRequiredService<UserManager<SigurUser>>();
        // Ids are version 7 GUIDs: ordered by creation.
        var id = await db.Users.Where(u => u.Role == Role.Administrator).OrderBy(u => u.Id).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
        if (id is null) return null;
        var user = (await users.FindByIdAsync(id.Value.ToString()))!;
        var password = ManageUsers.OneTimePassword();
        await ApplyAsync(user, users, db, sp.GetRequiredService<Platform.Audit.Audit>(), sp.GetRequiredService<Notifier>(), sp.GetRequiredService<IMemoryCache>(),
            AuditAction.ResetPassword, "Account.AuthenticatorReset", ct, async u =>
            {
                u.PasswordHash = users.PasswordHasher.HashPassword(u, password);
                (u.MustChangePassword, u.TwoFactorEnabled, u.IsDisabled) = (true, false, false);
                await db.UserTokens.Where(t => t.UserId == u.Id).ExecuteDeleteAsync(ct);
            });
        return (user.UserName!, password);
    }

    private static async Task ApplyAsync(SigurUser user, UserManager<SigurUser> users, SigurDb db, Platform.Audit.Audit audit, Notifier notifier, IMemoryCache cache,
        AuditAction action, string notice, CancellationToken ct, Func<SigurUser, Task> change)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await change(user);
        (user.LockoutEnd, user.AccessFailedCount) = (null, 0); // a locked-out user is the usual reason for a reset
        // Told to the user where they read it; by mail too when mail is configured. The organisation is the new one after a move.
        notifier.Add(user.OrganisationId, user.Id, new NotificationMessage(notice, [], "/Account/Sessions"));
        db.AuditWithNextSave(audit.New(action, nameof(SigurUser), user.Id.ToString(), [], null));
        // A new security stamp ends every cookie and token of the account (SignedInUser), which saves the user with the rest.
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) throw new InvalidOperationException("The account could not be saved.");
        await SessionsOf.EndAllAsync(db, cache, user.Id, DateTime.UtcNow, ct);
        await tx.CommitAsync(ct);
        SignedInUser.Forget(cache, user.Id);
    }
}

/// <summary>A user's sign-ins: for the user (their own, to sign out the others) and for an administrator (anyone's).</summary>
public static class SessionsOf
{
    public const string Policy = Policies.SignedIn;
    public const string UserPolicy = Policies.Administration;

    public sealed record Item(Guid Id, DateTime StartedAt, DateTime? EndedAt, bool Current);

    public static async Task<List<Item>> ListAsync(SigurDb db, Guid userId, Guid? current, CancellationToken ct) =>
        (await db.Set<SignInSession>().AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.StartedAt).Take(50).ToListAsync(ct))
            .ConvertAll(s => new Item(s.Id, s.StartedAt, s.EndedAt, s.Id == current));

    /// <summary>The administrator's view of a user's sessions (audited as a read of the account).</summary>
    [Policy(UserPolicy)]
    public static async Task<Results<Ok<List<Item>>, ProblemHttpResult>> OfUser(Guid id, SigurDb db, Platform.Audit.Audit audit, CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == id, ct)) return Problems.NotFound();
        await audit.ReadAsync(nameof(SignInSession), id);
        return TypedResults.Ok(await ListAsync(db, id, null, ct));
    }

    public static async Task<Ok<List<Item>>> Mine(HttpContext context, SigurDb db, CurrentUser me, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db, me.UserId!.Value, Sessions.Of(context.User), ct));

    /// <summary>Ends every open session of the user but the one this request came with.</summary>
    public static async Task<NoContent> SignOutOthers(HttpContext context, SigurDb db, CurrentUser me, Platform.Audit.Audit audit, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var current = Sessions.Of(context.User);
        var ended = await EndAllAsync(db, cache, me.UserId!.Value, clock.GetUtcNow().UtcDateTime, ct, except: current);
        await audit.EventAsync(AuditAction.EndSessions, nameof(SignInSession), string.Join(' ', ended));
        return TypedResults.NoContent();
    }

    internal static async Task<List<Guid>> EndAllAsync(SigurDb db, IMemoryCache cache, Guid userId, DateTime now, CancellationToken ct, Guid? except = null)
    {
        var open = await db.Set<SignInSession>().Where(s => s.UserId == userId && s.EndedAt == null && s.Id != except).Select(s => s.Id).ToListAsync(ct);
        foreach (var id in open) await Sessions.EndAsync(db, cache, id, now, ct);
        return open;
    }
}
