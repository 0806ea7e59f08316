using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Shelters;

/// <summary>
/// A shelter's occupancy at the end of each day of a period (at most a year; by default the last 30 days), counted
/// from its stays. Counts only: no case appears, so the stays are read past the per-case filter.
/// </summary>
public static class Occupancy
{
    public const string Policy = Policies.ShelterPlaces;

    public sealed record Day(DateOnly Date, int Occupied, int Female, int Male, int Children);

    public static async Task<Results<Ok<List<Day>>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (await ShelterLookups.KeptAsync(db, user, id, ct) is null) return Problems.NotFound();
        var last = to ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = from ?? last.AddDays(-29);
        if (first > last || last.DayNumber - first.DayNumber > 365)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = ["A period of at most a year, from before to."] });
        return TypedResults.Ok(await DaysAsync(db, id, first, last, ct));
    }

    public static async Task<List<Day>> DaysAsync(SigurDb db, Guid shelterId, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var periodEnd = last.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var periodStart = first.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var stays = await db.Set<ShelterPlacement>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.ShelterId == shelterId && p.AdmittedAt < periodEnd && (p.DischargedAt == null || p.DischargedAt >= periodStart))
            .Select(p => new { p.AdmittedAt, p.DischargedAt, p.Sex, p.AgeGroup }).ToListAsync(ct);
        var days = new List<Day>();
        for (var d = first; d <= last; d = d.AddDays(1))
        {
            var endOfDay = d.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            var present = stays.Where(s => s.AdmittedAt < endOfDay && (s.DischargedAt is null || s.DischargedAt >= endOfDay)).ToList();
            days.Add(new Day(d, present.Count, present.Count(s => s.Sex == PlaceSex.Female), present.Count(s => s.Sex == PlaceSex.Male),
                present.Count(s => s.AgeGroup == AgeGroup.Child)));
        }
        return days;
    }
}
