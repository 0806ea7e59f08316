using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Justice;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>
/// A reference series beside the country's own figures for one year: each published figure, its source, the national
/// count for the same indicator and breakdown, and the difference. National victims are identified persons in the
/// year of intake (UNODC's "detected victims" are the victims the national authorities identified); prosecutions and
/// convictions are persons, as JusticeFigures counts them. The national figures are free tables (protected as every
/// other table, see <see cref="FreeTables"/>), so this page gives nothing away that the statistics page would not.
/// A breakdown the national data does not have (countries named in the series' own words, repatriation, offences)
/// is shown without a national figure.
/// </summary>
public static class ReferenceComparison
{
    public const string Policy = Policies.Aggregates;

    public sealed record Row(string Indicator, string Dimension, string Category, string Sex, string Age, int? Reference, int? ReferenceBelow,
        string Source, bool Comparable, int? National, int? Difference, string Verdict);

    public sealed record Response(string Country, int Year, int SuppressionThreshold, string NationalDefinition, IReadOnlyList<Row> Rows);

    public static async Task<Results<Ok<Response>, ValidationProblem>> Handle([FromQuery] int? year, [FromQuery] string? country,
        SigurDb db, StatisticsSettings statistics, CancellationToken ct)
    {
        if (year is not (>= 1900 and <= 2100)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["A year such as 2020."] });
        return TypedResults.Ok(await CompareAsync(db, statistics, year.Value, ct));
    }

    /// <summary>The years a reference series has for the reporting country (for the page's choice).</summary>
    public static async Task<IReadOnlyList<int>> YearsAsync(SigurDb db, StatisticsSettings statistics, CancellationToken ct)
    {
        var iso3 = Iso3(statistics.Context.ReportingCountry);
        return await db.Set<ReferenceFigure>().AsNoTracking().Where(f => f.CountryCode == iso3).Select(f => f.Year).Distinct().OrderByDescending(y => y).ToListAsync(ct);
    }

    public static async Task<Response> CompareAsync(SigurDb db, StatisticsSettings statistics, int year, CancellationToken ct)
    {
        var context = statistics.Context;
        var threshold = statistics.Threshold(publication: false);
        var iso3 = Iso3(context.ReportingCountry);
        var figures = await db.Set<ReferenceFigure>().AsNoTracking().Where(f => f.CountryCode == iso3 && f.Year == year).ToListAsync(ct);
        figures = [.. figures.OrderBy(f => f.Indicator, StringComparer.Ordinal).ThenBy(f => f.Dimension, StringComparer.Ordinal)
            .ThenBy(f => f.Category, StringComparer.Ordinal).ThenBy(f => f.Sex, StringComparer.Ordinal).ThenBy(f => f.Age, StringComparer.Ordinal).ThenBy(f => f.Occurrence)];

        var facts = await VictimFacts.LoadAsync(db, CountingUnit.Person, ReferenceDate.Intake, context.ReportingCountry, ct);
        var tables = new Dictionary<(string Rows, string Cols), PublishedTable>();
        PublishedTable Table(string rows, string cols)
        {
            if (!tables.TryGetValue((rows, cols), out var t))
                tables[(rows, cols)] = t = FreeTables.Publish(facts, new TableSpec(rows, cols,
                    [new Filter("year", [year.ToString(CultureInfo.InvariantCulture)]), new Filter("status", ["Identified"])]), context, threshold);
            return t;
        }
        var justice = await JusticeFigures.QueryAsync(db, new JusticeFigures.Filter(context.ReportingCountry, year, year), ct);
        int? Justice(JusticeFigures.Measure measure)
        {
            var persons = justice.Totals.Where(t => t.Measure == measure).Sum(t => t.Persons);
            return persons > 0 && persons < threshold ? null : persons;
        }

        // A label the series uses for several figures names none of them exactly.
        var shared = figures.GroupBy(f => (f.Indicator, f.Dimension, f.Category, f.Sex, f.Age, f.Source)).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var rows = new List<Row>();
        foreach (var f in figures)
        {
            var (comparable, national) = shared.Contains((f.Indicator, f.Dimension, f.Category, f.Sex, f.Age, f.Source)) ? (false, null) : NationalFigure(f, Table, Justice);
            int? difference = comparable && national is { } n && f.Value is { } v ? n - v : null;
            var verdict = !comparable ? "not comparable"
                : national is null ? "national figure withheld"
                : f.Value is { } r ? (r == national ? "same" : "differs")
                : national < f.SuppressedBelow ? "consistent (both small)" : "differs";
            rows.Add(new Row(f.Indicator, f.Dimension, f.Category, f.Sex, f.Age, f.Value, f.SuppressedBelow, f.Source, comparable, national, difference, verdict));
        }
        return new Response(iso3, year, threshold, CountingRules.Statement(CountingUnit.Person, ReferenceDate.Intake) + " Identified victims only.", rows);
    }

    /// <summary>The national cell for a published figure, or not comparable.</summary>
    private static (bool Comparable, int? National) NationalFigure(ReferenceFigure f, Func<string, string, PublishedTable> table, Func<JusticeFigures.Measure, int?> justice)
    {
        var sex = f.Sex switch { "Total" => "Total", "Female" => "Female", "Male" => "Male", _ => null };
        var age = f.Age switch { "Total" => "Total", "0 to 17 years" => "Child", "18 years or over" => "Adult", _ => null };
        if (sex is null || age is null) return (false, null);
        switch (f.Indicator)
        {
            case "Detected trafficking victims" when f.Dimension == "Total" && f.Category == "Total":
                return (true, table("sex", "agegroup").Cell(sex, age));
            case "Detected trafficking victims" when f.Dimension == "by form of exploitation":
                var group = f.Category switch
                {
                    "Sexual exploitation" => "SexualExploitation", "Forced labour" => "LabourExploitation", "Other forms of exploitation" => "OtherForms", _ => null,
                };
                if (group is null || (sex != "Total" && age != "Total")) return (false, null);
                return (true, age == "Total" ? table("formgroup", "sex").Cell(group, sex) : table("formgroup", "agegroup").Cell(group, age));
            case "Detected trafficking victims" when f.Dimension == "by citizenship" && f.Category == "Nationals" && age == "Total":
                return (true, table("nationality", "sex").Cell("National", sex));
            case "Persons prosecuted" when f.Dimension == "Total" && sex == "Total" && age == "Total":
                return (true, justice(JusticeFigures.Measure.Prosecutions));
            case "Persons convicted" when f.Dimension == "Total" && sex == "Total" && age == "Total":
                return (true, justice(JusticeFigures.Measure.Convictions));
            default:
                return (false, null);
        }
    }

    private static int? Cell(this PublishedTable t, string row, string col)
    {
        var i = row == "Total" ? t.RowCategories.Count : IndexOf(t.RowCategories, row);
        var j = col == "Total" ? t.ColumnCategories.Count : IndexOf(t.ColumnCategories, col);
        // A category nobody has is not a row of the table: known to be none.
        return i < 0 || j < 0 ? 0 : t.Cells[i][j];
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private static readonly Dictionary<string, string> Alpha3 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MK"] = "MKD", ["AL"] = "ALB", ["RS"] = "SRB", ["ME"] = "MNE", ["BA"] = "BIH", ["XK"] = "XKX", ["HR"] = "HRV", ["SI"] = "SVN",
        ["BG"] = "BGR", ["RO"] = "ROU", ["GR"] = "GRC", ["MD"] = "MDA", ["TR"] = "TUR",
    };

    /// <summary>Sigur stores ISO alpha-2; GLOTIP uses alpha-3.</summary>
    public static string Iso3(string iso2)
    {
        if (Alpha3.TryGetValue(iso2, out var known)) return known;
        try { return new RegionInfo(iso2).ThreeLetterISORegionName; }
        catch (ArgumentException) { return iso2.ToUpperInvariant(); }
    }
}
