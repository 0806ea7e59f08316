using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Web;

namespace Sigur.Platform.Notifications;

/// <summary>The signed-in user's notifications: their own and their organisation's, newest first.</summary>
public static class NotificationApi
{
    public const string Policy = Policies.SignedIn;

    public sealed record Item(Guid Id, string Kind, IReadOnlyList<string> Arguments, string Text, string Link, DateTime CreatedAt, DateTime? ReadAt, bool ForWholeOrganisation);

    public sealed record Response(IReadOnlyList<Item> Items, int Unread);

    public static RouteGroupBuilder MapNotificationApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notifications").WithTags("Notifications");
        group.MapGet("/", List).WithSummary("My notifications and my organisation's (reminders, urgent hotline contacts)");
        group.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark a notification read");
        return api;
    }

    /// <summary>
    /// The user's own notifications, and those for the whole organisation whose kind the user's role acts on (see
    /// <see cref="NotificationAudience"/>): an analyst or an administrator of the fund's organisation does not learn
    /// the references of other organisations' cases from its approval notices.
    /// </summary>
    public static IQueryable<Notification> Mine(SigurDb db, CurrentUser user)
    {
        var kinds = NotificationAudience.KindsFor(user.Role);
        return db.Notifications().Where(n => n.UserId == user.UserId || (n.UserId == null && kinds.Contains(n.Kind)));
    }

    public static async Task<Response> List(bool? unreadOnly, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var query = Mine(db, user).AsNoTracking();
        if (unreadOnly == true) query = query.Where(n => n.ReadAt == null);
        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(100).ToListAsync(ct);
        var unread = await Mine(db, user).CountAsync(n => n.ReadAt == null, ct);
        return new Response([.. rows.Select(n => new Item(n.Id, n.Kind, n.Args, NotificationTexts.Render(n, null), n.Link, n.CreatedAt, n.ReadAt, n.UserId is null))], unread);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> MarkRead(Guid id, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var n = await Mine(db, user).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (n is null) return Problems.NotFound();
        n.ReadAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
