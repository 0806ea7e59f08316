using Microsoft.EntityFrameworkCore;
using Sigur.Data;

namespace Sigur.Features.Cases;

/// <summary>Case references YYYY-NNNNNN: numbered per year, unique across the country's installation.</summary>
internal static class CaseReferences
{
    /// <summary>
    /// Takes the next number with one conditional update, so parallel registrations never get the same number.
    /// Must run inside the registration's transaction.
    /// </summary>
    public static async Task<string> NextAsync(SigurDb db, int year, CancellationToken ct)
    {
        // The year's row appears once; parallel first registrations of a year wait on its unique key instead of failing.
        await db.Database.ExecuteSqlAsync($"INSERT INTO case_reference_counters (year, next) VALUES ({year}, 0) ON CONFLICT DO NOTHING", ct);
        await db.CaseReferenceCounters.Where(c => c.Year == year)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Next, c => c.Next + 1), ct);
        var next = await db.CaseReferenceCounters.Where(c => c.Year == year).Select(c => c.Next).SingleAsync(ct);
        return $"{year}-{next:D6}";
    }
}
