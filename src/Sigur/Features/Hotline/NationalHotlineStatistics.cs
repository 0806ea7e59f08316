using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Statistics;
using Sigur.Platform;

namespace Sigur.Features.Hotline;

/// <summary>
/// Hotline contacts across every hotline, for the national coordinator's office and analysts: by channel, caller type,
/// urgency and outcome within a period. Aggregates only, like every statistic: the breakdowns are published together
/// through <see cref="Suppression"/> (they share their total, so they are linked tables), so a cell below the
/// threshold is withheld, and so is any cell that would give it away.
/// </summary>
public static class NationalHotlineStatistics
{
    public const string Policy = Policies.Aggregates;

    /// <summary>One breakdown: a count per category (null: withheld) and the total.</summary>
    public sealed record Breakdown(string By, IReadOnlyList<string> Categories, IReadOnlyList<int?> Contacts, int? Total);

    public sealed record Response(DateOnly From, DateOnly To, int SuppressionThreshold, IReadOnlyList<Breakdown> Breakdowns);

    public static async Task<Response> Handle(DateOnly? from, DateOnly? to, SigurDb db, StatisticsSettings statistics, TimeProvider clock, CancellationToken ct)
    {
        var end = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var start = from ?? new DateOnly(end.Year, 1, 1);
        if (start > end) (start, end) = (end, start);
        var (a, b) = (start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        // Across every hotline's organisation: counts leave this query, never contacts.
        var rows = await db.HotlineContacts().IgnoreQueryFilters().AsNoTracking().Where(c => c.ReceivedAt >= a && c.ReceivedAt < b)
            .GroupBy(c => new { c.Channel, c.CallerType, c.Urgency, c.Outcome })
            .Select(g => new { g.Key.Channel, g.Key.CallerType, g.Key.Urgency, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(ct);

        var population = $"hotline|{start:yyyy-MM-dd}|{end:yyyy-MM-dd}";
        CountedTable Table<T>(string by, Func<T, int> count) where T : struct, Enum
        {
            var values = Enum.GetValues<T>();
            var cells = new int[values.Length + 1, 1];
            var keys = new string[values.Length + 1, 1];
            for (var i = 0; i < values.Length; i++)
            {
                cells[i, 0] = count(values[i]);
                keys[i, 0] = $"{population}|{by}={values[i]}";
            }
            cells[values.Length, 0] = rows.Sum(r => r.Count);
            keys[values.Length, 0] = population;
            return new CountedTable
            {
                Spec = new TableSpec(by, null, []), Rows = [.. values.Select(v => v.ToString())], Columns = [],
                Values = cells, Keys = keys, Hidden = new bool[values.Length + 1, 1],
            };
        }

        var tables = new[]
        {
            Table<ContactChannel>("channel", v => rows.Where(r => r.Channel == v).Sum(r => r.Count)),
            Table<CallerType>("callerType", v => rows.Where(r => r.CallerType == v).Sum(r => r.Count)),
            Table<ContactUrgency>("urgency", v => rows.Where(r => r.Urgency == v).Sum(r => r.Count)),
            Table<ContactOutcome>("outcome", v => rows.Where(r => r.Outcome == v).Sum(r => r.Count)),
        };
        var threshold = statistics.Threshold(publication: false);
        Suppression.Apply(tables, threshold);
        return new Response(start, end, threshold, [.. tables.Select(t => new Breakdown(t.Spec.Rows, t.Rows,
            [.. Enumerable.Range(0, t.RowCount).Select(i => t.Hidden[i, 0] ? (int?)null : t.Values[i, 0])],
            t.Hidden[t.RowCount, 0] ? null : t.Values[t.RowCount, 0]))]);
    }
}
