using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Hotline;

/// <summary>
/// Who is the on-duty coordinator: shifts of users of the hotline's own organisation. Urgent contacts alert whoever's
/// shift covers the moment they are logged.
/// </summary>
public static class DutyRoster
{
    public const string Policy = Policies.Hotline;

    public sealed record Request(DateTime StartsAt, DateTime EndsAt, Guid? UserId = null);

    public sealed record Shift(Guid Id, Guid UserId, string DisplayName, DateTime StartsAt, DateTime EndsAt);

    public static async Task<Results<Created<Shift>, ValidationProblem>> Add(Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = request.UserId ?? user.UserId!.Value;
        var errors = new Dictionary<string, string[]>();
        var colleague = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.OrganisationId == user.OrganisationId && !u.IsDisabled)
            .Select(u => new { u.Id, u.DisplayName, u.Role }).SingleOrDefaultAsync(ct);
        if (colleague is null || !Policies.HotlineStaff.Contains(colleague.Role)) errors["userId"] = ["A hotline colleague of your organisation."];
        var (start, end) = (request.StartsAt.ToUniversalTime(), request.EndsAt.ToUniversalTime());
        if (end <= start || end - start > TimeSpan.FromDays(14)) errors["endsAt"] = ["After the start, at most 14 days later."];
        if (end <= now) errors["endsAt"] = ["A shift that has not ended yet."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var shift = new HotlineDutyShift { OrganisationId = user.OrganisationId!.Value, UserId = userId, StartsAt = start, EndsAt = end };
        db.HotlineDutyShifts().Add(shift);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created("/api/v1/hotline/duty", new Shift(shift.Id, userId, colleague!.DisplayName, start, end));
    }

    public static async Task<IReadOnlyList<Shift>> Current(SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var shifts = await db.HotlineDutyShifts().AsNoTracking().Where(s => s.EndsAt > now).OrderBy(s => s.StartsAt).Take(100).ToListAsync(ct);
        var ids = shifts.Select(s => s.UserId).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. shifts.Select(s => new Shift(s.Id, s.UserId, names.GetValueOrDefault(s.UserId, ""), s.StartsAt, s.EndsAt))];
    }
}
