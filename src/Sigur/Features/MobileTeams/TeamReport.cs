using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.MobileTeams;

/// <summary>A team's figures for a period: visits, persons met, identifications and referrals, by region and by indicator observed.</summary>
public static class TeamReport
{
    public const string Policy = Policies.MobileTeams;

    public sealed record Count(string Key, int Visits, int PersonsMet, int Identifications, int Referrals);

    public sealed record Response(Guid TeamId, DateOnly From, DateOnly To, int Visits, int PersonsMet, int Identifications, int Referrals,
        IReadOnlyList<Count> ByRegion, IReadOnlyDictionary<string, int> Indicators);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, DateOnly? from, DateOnly? to, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!await MobileTeamAccess.Visible(db, user).AnyAsync(t => t.Id == id, ct)) return Problems.NotFound();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (start, end) = (from ?? new DateOnly(today.Year, 1, 1), to ?? today);
        if (end < start || end.DayNumber - start.DayNumber > 3660)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["to"] = ["A period of at most ten years that ends after it starts."] });
        var (lo, hi) = (start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), end.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        // Counts only: the place (encrypted) is not read.
        var visits = await db.Set<FieldVisit>().AsNoTracking().Where(v => v.TeamId == id && v.VisitedOn >= lo && v.VisitedOn <= hi)
            .Select(v => new { v.Region, v.PersonsMet, v.Identifications, v.Referrals, v.Indicators }).ToListAsync(ct);
        var byRegion = visits.GroupBy(v => v.Region).OrderBy(g => g.Key)
            .Select(g => new Count(g.Key, g.Count(), g.Sum(v => v.PersonsMet), g.Sum(v => v.Identifications), g.Sum(v => v.Referrals))).ToList();
        var indicators = visits.SelectMany(v => v.Indicators).GroupBy(i => i).OrderByDescending(g => g.Count()).ThenBy(g => g.Key)
            .ToDictionary(g => g.Key, g => g.Count());
        return TypedResults.Ok(new Response(id, start, end, visits.Count, visits.Sum(v => v.PersonsMet), visits.Sum(v => v.Identifications),
            visits.Sum(v => v.Referrals), byRegion, indicators));
    }
}
