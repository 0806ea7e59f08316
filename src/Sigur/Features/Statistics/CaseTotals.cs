using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>
/// De-identified aggregates for the national coordinator's office and analysts: cases by year of registration and
/// identification status, across all organisations. Cells below the suppression threshold are withheld (null),
/// so that no small group of victims can be singled out.
/// </summary>
public static class CaseTotals
{
    public const string Policy = Policies.Aggregates;

    public sealed record Cell(int Year, IdentificationStatus Status, int? Cases);

    public sealed record Response(int SuppressionThreshold, IReadOnlyList<Cell> Cells);

    public static async Task<Response> Handle(SigurDb db, StatisticsSettings statistics, CancellationToken ct)
    {
        var threshold = statistics.SuppressionThreshold;
        // Aggregates span every organisation: the one place that reads across the need-to-know filter, and it returns counts only.
        var rows = await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .GroupBy(c => new { c.RegisteredAt.Year, c.IdentificationStatus })
            .Select(g => new { g.Key.Year, g.Key.IdentificationStatus, Count = g.Count() })
            .ToListAsync(ct);
        var cells = rows.OrderBy(r => r.Year).ThenBy(r => r.IdentificationStatus)
            .Select(r => new Cell(r.Year, r.IdentificationStatus, r.Count < threshold ? null : r.Count)).ToList();
        return new Response(threshold, cells);
    }
}
