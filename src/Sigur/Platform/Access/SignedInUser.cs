using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;

namespace Sigur.Platform.Access;

/// <summary>
/// Runs after authentication on every request: fills <see cref="CurrentUser"/>, refuses the request of an account
/// that was disabled or whose security stamp changed since sign-in (sign-out everywhere, for cookies and bearer
/// tokens alike) or whose session ended (<see cref="Sessions"/>: sign-out of this cookie or token), and loads the user's extra access (<see cref="AccessScope"/>).
/// </summary>
public static class SignedInUser
{
    private sealed record AccountState(bool Disabled, string? SecurityStamp);

    public static IApplicationBuilder UseSignedInUser(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var current = context.RequestServices.GetRequiredService<CurrentUser>();
        current.SetFrom(context.User, context.Connection.RemoteIpAddress?.ToString());
        if (current.UserId is { } userId)
        {
            var cache = context.RequestServices.GetRequiredService<IMemoryCache>();
            var db = context.RequestServices.GetRequiredService<SigurDb>();
            var state = await cache.GetOrCreateAsync(StateKey(userId), async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(10);
                var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                    .Select(u => new { u.IsDisabled, u.SecurityStamp }).SingleOrDefaultAsync(context.RequestAborted);
                return row is null ? new AccountState(true, null) : new AccountState(row.IsDisabled, row.SecurityStamp);
            });
            var stamp = context.User.FindFirst(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType)?.Value;
            if (state!.Disabled || stamp != state.SecurityStamp
                || Sessions.Of(context.User) is not { } session || !await Sessions.IsOpenAsync(db, cache, session, userId, context.RequestAborted))
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme);
                if (!context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.Redirect("/Account/Login");
                    return;
                }
                await Web.Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "Signed out", "The session is no longer valid. Sign in again.");
                return;
            }
            var clock = context.RequestServices.GetRequiredService<TimeProvider>();
            context.RequestServices.GetRequiredService<AccessScopeHolder>().Scope =
                await AccessScope.LoadAsync(db, cache, context.RequestServices.GetRequiredService<IReferredCaseSource>(), userId, current.OrganisationId!.Value, current.Role!.Value, clock.GetUtcNow().UtcDateTime, context.RequestAborted);
        }
        await next(context);
    });

    private static string StateKey(Guid userId) => $"account-state:{userId}";

    /// <summary>Call after disabling an account or changing its security stamp: this instance refuses its sessions at once, others within 10 s.</summary>
    public static void Forget(IMemoryCache cache, Guid userId) => cache.Remove(StateKey(userId));
}
