using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Account;

/// <summary>
/// The one place that keeps a signed-in account out of everything until it has replaced its one-time password and
/// enrolled an authenticator: pages redirect to the step still to do, the API (reachable with the cookie too) answers 403.
/// Only the /Account pages (sign-out, language, the steps themselves) stay open.
/// </summary>
public static class AccountSetup
{
    public enum Step { ChangePassword, EnrolAuthenticator }

    public static IApplicationBuilder UseAccountSetup(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var user = context.RequestServices.GetRequiredService<CurrentUser>();
        if (user.UserId is { } userId && !context.Request.Path.StartsWithSegments("/Account"))
        {
            var step = await PendingAsync(context.RequestServices, userId, context.RequestAborted);
            if (step is not null)
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    await Platform.Web.Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Account setup incomplete",
                        "Sign in on the web to change the one-time password and enrol an authenticator first.");
                    return;
                }
                context.Response.Redirect(step == Step.ChangePassword ? "/Account/ChangePassword" : "/Account/EnrolAuthenticator");
                return;
            }
        }
        await next(context);
    });

    public static async Task<Step?> PendingAsync(IServiceProvider services, Guid userId, CancellationToken ct)
    {
        var cache = services.GetRequiredService<IMemoryCache>();
        return await cache.GetOrCreateAsync(Key(userId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            var db = services.GetRequiredService<SigurDb>();
            var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new { u.MustChangePassword, u.TwoFactorEnabled }).SingleOrDefaultAsync(ct);
            if (row is null) return null;
            return row.MustChangePassword ? Step.ChangePassword : row.TwoFactorEnabled ? (Step?)null : Step.EnrolAuthenticator;
        });
    }

    /// <summary>Call when a step is done (or undone), so the next request sees it at once.</summary>
    public static void Forget(IMemoryCache cache, Guid userId) => cache.Remove(Key(userId));

    private static string Key(Guid userId) => $"account-setup:{userId}";
}
