using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Hotline;

/// <summary>The hotline's own counts for a period, by channel, caller type, urgency and outcome. Counts only, no records.</summary>
public static class HotlineStatistics
{
    public const string Policy = Policies.Hotline;

    public sealed record Count(string Value, int Contacts);

    public sealed record Response(DateOnly From, DateOnly To, int Contacts, int Anonymous, int BecameCases,
        IReadOnlyList<Count> ByChannel, IReadOnlyList<Count> ByCallerType, IReadOnlyList<Count> ByUrgency, IReadOnlyList<Count> ByOutcome);

    public static async Task<Response> Handle(DateOnly? from, DateOnly? to, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var end = to ?? today;
        var start = from ?? new DateOnly(end.Year, 1, 1);
        var (a, b) = (start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var rows = await db.HotlineContacts().AsNoTracking().Where(c => c.ReceivedAt >= a && c.ReceivedAt < b)
            .GroupBy(c => new { c.Channel, c.CallerType, c.Urgency, c.Outcome, c.Anonymous, InCase = c.CaseId != null })
            .Select(g => new { g.Key.Channel, g.Key.CallerType, g.Key.Urgency, g.Key.Outcome, g.Key.Anonymous, g.Key.InCase, Count = g.Count() })
            .ToListAsync(ct);
        return new Response(start, end, rows.Sum(r => r.Count), rows.Where(r => r.Anonymous).Sum(r => r.Count), rows.Where(r => r.InCase).Sum(r => r.Count),
            [.. Enum.GetValues<ContactChannel>().Select(v => new Count(v.ToString(), rows.Where(r => r.Channel == v).Sum(r => r.Count)))],
            [.. Enum.GetValues<CallerType>().Select(v => new Count(v.ToString(), rows.Where(r => r.CallerType == v).Sum(r => r.Count)))],
            [.. Enum.GetValues<ContactUrgency>().Select(v => new Count(v.ToString(), rows.Where(r => r.Urgency == v).Sum(r => r.Count)))],
            [.. Enum.GetValues<ContactOutcome>().Select(v => new Count(v.ToString(), rows.Where(r => r.Outcome == v).Sum(r => r.Count)))]);
    }
}
