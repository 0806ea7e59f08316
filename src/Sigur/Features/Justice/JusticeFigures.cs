using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>
/// Criminal-justice figures for statistics: investigations, prosecutions and convictions by article and year, each
/// counted per person and per proceeding, never once per stage. The rules:
/// <list type="bullet">
/// <item>Investigations: proceedings in the year their first stage is dated; prosecutions: in the year of their first indictment.
/// Persons are the defendants with a current (not superseded) charge; a change of qualification moves them to the new article.</item>
/// <item>Convictions: each defendant of each proceeding once, by their latest verdict (a first-instance conviction confirmed
/// on appeal and made final is one conviction), in the year of that verdict, under the article of conviction.</item>
/// <item>Within an article a person counts once; a person charged under two articles counts under both, and once in the totals.</item>
/// </list>
/// Counts span every organisation (the statistics issue reuses <see cref="QueryAsync"/>); the API suppresses small cells.
/// </summary>
public static class JusticeFigures
{
    public const string Policy = Policies.Aggregates;

    public enum Measure { Investigations, Prosecutions, Convictions }

    public sealed record Filter(string? Country = null, int? FromYear = null, int? ToYear = null);

    public sealed record Row(Measure Measure, int Year, string Country, string Article, int Persons, int Proceedings);

    public sealed record SentenceRow(int Year, string Country, string Article, string Band, int Persons);

    public sealed record Figures(IReadOnlyList<Row> ByArticle, IReadOnlyList<Row> Totals, IReadOnlyList<SentenceRow> Sentences);

    public static readonly string[] SentenceBands = ["suspended", "fine-only", "under-1-year", "1-3-years", "3-5-years", "5-10-years", "10-years-or-more"];

    public static async Task<Figures> QueryAsync(SigurDb db, Filter filter, CancellationToken ct)
    {
        // Aggregates across organisations read past the need-to-know filter and return counts only.
        var proceedings = await db.Set<Proceeding>().IgnoreQueryFilters().AsNoTracking()
            .Where(p => filter.Country == null || p.Country == filter.Country)
            .Select(p => new { p.Id, p.Country }).ToListAsync(ct);
        var ids = proceedings.Select(p => p.Id).ToHashSet();
        var country = proceedings.ToDictionary(p => p.Id, p => p.Country);
        var stages = (await db.Set<ProceedingStageEvent>().IgnoreQueryFilters().AsNoTracking()
            .Select(s => new { s.ProceedingId, s.Stage, s.Date }).ToListAsync(ct)).Where(s => ids.Contains(s.ProceedingId)).ToList();
        var charges = (await db.Set<Charge>().IgnoreQueryFilters().AsNoTracking().Where(c => c.SupersededAt == null)
            .Select(c => new { c.ProceedingId, c.SuspectId, c.Article }).ToListAsync(ct)).Where(c => ids.Contains(c.ProceedingId)).ToList();
        var outcomes = (await db.Set<DefendantOutcome>().IgnoreQueryFilters().AsNoTracking()
            .Select(o => new { o.ProceedingId, o.SuspectId, o.Stage, o.Verdict, o.Date, o.RecordedAt, o.Article, o.SentenceMonths, o.Suspended, o.FineMinor })
            .ToListAsync(ct)).Where(o => ids.Contains(o.ProceedingId)).ToList();

        bool InRange(int year) => (filter.FromYear is null || year >= filter.FromYear) && (filter.ToYear is null || year <= filter.ToYear);

        // (measure, year, proceeding, person, article) facts; persons without a charge yet still count their proceeding in the totals.
        var facts = new List<(Measure Measure, int Year, Guid Proceeding, Guid? Person, string Article)>();
        void Stage(Measure measure, Func<ProceedingStage, bool> which)
        {
            foreach (var g in stages.Where(s => which(s.Stage)).GroupBy(s => s.ProceedingId))
            {
                var year = g.Min(s => s.Date).Year;
                var defendants = charges.Where(c => c.ProceedingId == g.Key).ToList();
                if (defendants.Count == 0) facts.Add((measure, year, g.Key, null, ""));
                foreach (var c in defendants) facts.Add((measure, year, g.Key, c.SuspectId, c.Article));
            }
        }
        Stage(Measure.Investigations, _ => true);
        Stage(Measure.Prosecutions, s => s == ProceedingStage.Indictment);

        var sentences = new List<(int Year, string Country, string Article, string Band, Guid Person)>();
        foreach (var g in outcomes.GroupBy(o => (o.ProceedingId, o.SuspectId)))
        {
            var latest = g.OrderBy(o => o.Date).ThenBy(o => Array.IndexOf(Proceeding.VerdictStages, o.Stage)).ThenBy(o => o.RecordedAt).Last();
            if (latest.Verdict != Verdict.Convicted) continue;
            facts.Add((Measure.Convictions, latest.Date.Year, g.Key.ProceedingId, g.Key.SuspectId, latest.Article));
            sentences.Add((latest.Date.Year, country[g.Key.ProceedingId], latest.Article, Band(latest.SentenceMonths, latest.Suspended, latest.FineMinor), g.Key.SuspectId));
        }

        var byArticle = facts.Where(f => f.Person is not null && InRange(f.Year))
            .GroupBy(f => (f.Measure, f.Year, Country: country[f.Proceeding], f.Article))
            .Select(g => new Row(g.Key.Measure, g.Key.Year, g.Key.Country, g.Key.Article, g.Select(f => f.Person).Distinct().Count(), g.Select(f => f.Proceeding).Distinct().Count()))
            .OrderBy(r => r.Measure).ThenBy(r => r.Year).ThenBy(r => r.Country).ThenBy(r => r.Article, StringComparer.Ordinal).ToList();
        var totals = facts.Where(f => InRange(f.Year))
            .GroupBy(f => (f.Measure, f.Year, Country: country[f.Proceeding]))
            .Select(g => new Row(g.Key.Measure, g.Key.Year, g.Key.Country, "", g.Where(f => f.Person is not null).Select(f => f.Person).Distinct().Count(),
                g.Select(f => f.Proceeding).Distinct().Count()))
            .OrderBy(r => r.Measure).ThenBy(r => r.Year).ThenBy(r => r.Country).ToList();
        var sentenceRows = sentences.Where(s => InRange(s.Year)).GroupBy(s => (s.Year, s.Country, s.Article, s.Band))
            .Select(g => new SentenceRow(g.Key.Year, g.Key.Country, g.Key.Article, g.Key.Band, g.Select(s => s.Person).Distinct().Count()))
            .OrderBy(r => r.Year).ThenBy(r => r.Country).ThenBy(r => r.Article, StringComparer.Ordinal).ThenBy(r => Array.IndexOf(SentenceBands, r.Band)).ToList();
        return new Figures(byArticle, totals, sentenceRows);
    }

    private static string Band(int? months, bool suspended, long? fine) => (months, suspended) switch
    {
        (_, true) => "suspended",
        (null, _) => fine is not null ? "fine-only" : "suspended",
        ( < 12, _) => "under-1-year",
        ( < 36, _) => "1-3-years",
        ( < 60, _) => "3-5-years",
        ( < 120, _) => "5-10-years",
        _ => "10-years-or-more",
    };

    public sealed record Response(int SuppressionThreshold, IReadOnlyList<Cell> ByArticle, IReadOnlyList<Cell> Totals, IReadOnlyList<SentenceCell> Sentences);

    public sealed record Cell(Measure Measure, int Year, string Country, string Article, int? Persons, int? Proceedings);

    public sealed record SentenceCell(int Year, string Country, string Article, string Band, int? Persons);

    /// <summary>The API: the figures with cells under the suppression threshold withheld (null).</summary>
    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<Response>> Handle(string? country, int? fromYear, int? toYear, SigurDb db, Statistics.StatisticsSettings statistics, CancellationToken ct)
    {
        var threshold = statistics.SuppressionThreshold;
        int? Suppress(int n) => n < threshold ? null : n;
        var f = await QueryAsync(db, new Filter(country, fromYear, toYear), ct);
        Cell ToCell(Row r) => new(r.Measure, r.Year, r.Country, r.Article, Suppress(r.Persons), Suppress(r.Proceedings));
        return TypedResults.Ok(new Response(threshold, [.. f.ByArticle.Select(ToCell)], [.. f.Totals.Select(ToCell)],
            [.. f.Sentences.Select(s => new SentenceCell(s.Year, s.Country, s.Article, s.Band, Suppress(s.Persons)))]));
    }
}
