using System.Globalization;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Statistics;

/// <summary>
/// The anonymised record-level export in the CTDC/HTCDS layout: one row per victim (presumed or identified) per year,
/// k-anonymous over the quasi-identifiers (year, sex, age band, majority status, citizenship, country of
/// exploitation, region). Each quasi-identifier has a generalisation hierarchy (<see cref="Hierarchies"/>); the
/// combination of levels, with the records of classes still smaller than k left out up to a limit, is the one that
/// loses least information (<see cref="GeneralisationLattice"/>). Never names, dates of birth, addresses or free text:
/// none of them is even read.
/// </summary>
public static class RecordExport
{
    public static readonly string[] QuasiIdentifiers =
        ["yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship", "CountryOfExploitation", CtdcLayout.RegionColumn];

    /// <summary>The share of records that may be left out, unless the caller sets another.</summary>
    public const double DefaultMaxSuppressedShare = 0.05;

    public sealed record Step(string Description, string Column, int ValuesChanged);

    public sealed record Report(int K, int Records, int Exported, int Suppressed, int MaxSuppressed, double InformationLoss,
        IReadOnlyList<string> QuasiIdentifiers, IReadOnlyList<Step> Generalisations, int NodesInLattice, int NodesEvaluated)
    {
        public override string ToString() =>
            $"k = {K}: {Exported} of {Records} records exported, {Suppressed} left out (at most {MaxSuppressed} may be). Quasi-identifiers: {string.Join(", ", QuasiIdentifiers)}.\n"
            + (Generalisations.Count == 0 ? "No generalisation was needed.\n"
                : string.Concat(Generalisations.Select(g => $"  - {g.Column}: {g.Description} ({g.ValuesChanged} exported values changed)\n")))
            + string.Create(CultureInfo.InvariantCulture, $"Information loss {InformationLoss:0.000} (Loss metric: 0 = every value as recorded, 1 = nothing left; a left-out record counts as wholly lost).\n")
            + $"Chosen among {NodesInLattice} combinations of generalisation levels; {NodesEvaluated} were counted, the others ruled out by their lower bound.\n";
    }

    public sealed record Result(IReadOnlyList<string> Header, IReadOnlyList<Dictionary<string, string>> Rows, Report Report);

    public static async Task<Result> BuildAsync(SigurDb db, StatisticsSettings statistics, int k, CancellationToken ct, double maxSuppressedShare = DefaultMaxSuppressedShare)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "k must be at least 2.");
        var context = statistics.Context;
        var facts = await VictimFacts.LoadAsync(db, CountingUnit.Person, ReferenceDate.Intake, context.ReportingCountry, ct);
        var rows = facts.Where(f => f.Status is IdentificationStatus.Identified or IdentificationStatus.Presumed)
            .Select(f => ToRow(f, context)).ToList();
        return Anonymise(rows, k, maxSuppressedShare, context.ReportingCountry);
    }

    internal static Result Anonymise(List<Dictionary<string, string>> rows, int k, double maxSuppressedShare, string reportingCountry)
    {
        var hierarchies = Hierarchies(reportingCountry);
        var columns = hierarchies.Select(h => rows.Select(r => r[h.Column]).ToArray()).ToList();
        var maxSuppressed = (int)Math.Floor(maxSuppressedShare * rows.Count);
        var solution = GeneralisationLattice.Search(hierarchies, columns, k, maxSuppressed);
        var steps = new List<Step>();
        var kept = rows.Where((_, i) => !solution.SuppressedRows[i]).ToList();
        for (var q = 0; q < hierarchies.Count; q++)
        {
            var (h, level) = (hierarchies[q], solution.Levels[q]);
            if (level == 0) continue;
            var changed = 0;
            foreach (var row in kept)
            {
                var next = level == h.Levels - 1 ? "" : h.Generalise(row[h.Column], level);
                if (next != row[h.Column]) { row[h.Column] = next; changed++; }
            }
            steps.Add(new Step(h.LevelNames[level], h.Column, changed));
        }
        return new Result([.. CtdcLayout.Columns, CtdcLayout.RegionColumn], kept,
            new Report(k, rows.Count, kept.Count, rows.Count - kept.Count, maxSuppressed, solution.Loss, QuasiIdentifiers, steps,
                solution.NodesInLattice, solution.NodesEvaluated));
    }

    /// <summary>
    /// Each quasi-identifier's hierarchy, finest first; the last level removes the column. An unknown value (empty)
    /// stays unknown until the column is removed. The reporting country stays itself wherever countries are grouped,
    /// since national or foreign is the coarsest level kept.
    /// </summary>
    public static IReadOnlyList<Hierarchy> Hierarchies(string reportingCountry) =>
    [
        new("yearOfRegistration", ["year", "two-year periods", "four-year periods", "removed"], (v, level) =>
            int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && level > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{y - y % (2 * level)}-{y - y % (2 * level) + 2 * level - 1}") : v),
        new("gender", ["as recorded", "removed"], (v, _) => v),
        new("ageBroad", ["age bands", "wider bands: 0--17, 18--29, 30--47, 48+", "0--17 or 18+", "removed"], (v, level) => level switch
        {
            0 => v,
            1 => Widen(v),
            _ => CtdcLayout.LowestAge(v) switch { null => v, < 18 => "0--17", _ => "18+" },
        }),
        new("majorityStatus", ["as recorded", "removed"], (v, _) => v),
        new("citizenship", ["country", "world region (reporting country kept)", "national or foreign", "removed"],
            (v, level) => v is "" || v == reportingCountry || level == 0 ? v : level == 1 ? WorldRegion(v) : "Foreign"),
        new("CountryOfExploitation", ["country", "world region (reporting country kept)", "reporting country or abroad", "removed"],
            (v, level) => v is "" || v == reportingCountry || level == 0 ? v : level == 1 ? WorldRegion(v) : "Abroad"),
        new(CtdcLayout.RegionColumn, ["as recorded", "removed"], (v, _) => v),
    ];

    /// <summary>The groups of countries that matter to a mechanism in the region: its neighbours, the EU, the rest of Europe, the world.</summary>
    public static string WorldRegion(string country) =>
        WesternBalkans.Contains(country) ? "Western Balkans"
        : Dimensions.EuCountries.Contains(country) ? "EU"
        : OtherEurope.Contains(country) ? "Other Europe"
        : "Rest of the world";

    private static readonly HashSet<string> WesternBalkans = ["AL", "BA", "ME", "MK", "RS", "XK"];

    /// <summary>Europe outside the EU and the Western Balkans (UN M49 Europe, and the Council of Europe's members in the Caucasus and Türkiye).</summary>
    private static readonly HashSet<string> OtherEurope =
        ["AD", "AM", "AX", "AZ", "BY", "CH", "FO", "GB", "GE", "GG", "GI", "IM", "IS", "JE", "LI", "MC", "MD", "NO", "RU", "SJ", "SM", "TR", "UA", "VA"];

    private static string Widen(string band) => CtdcLayout.LowestAge(band) switch
    {
        null => band,
        < 18 => "0--17",
        < 30 => "18--29",
        < 48 => "30--47",
        _ => "48+",
    };

    private static Dictionary<string, string> ToRow(VictimFact f, StatisticsContext context)
    {
        var row = CtdcLayout.Columns.Append(CtdcLayout.RegionColumn).ToDictionary(c => c, _ => "");
        row["yearOfRegistration"] = f.Year?.ToString(CultureInfo.InvariantCulture) ?? "";
        row["Datasource"] = "Case Management";
        row["gender"] = f.Sex switch { Sex.Female => "Female", Sex.Male => "Male", Sex.Other => "Transgender/NonConforming", _ => "" };
        row["ageBroad"] = f.Age is { } age ? CtdcLayout.AgeBroad(age) : "";
        row["majorityStatus"] = Dimensions.AgeGroup(f) switch { "Child" => "Minor", "Adult" => "Adult", _ => "" };
        row["citizenship"] = f.Citizenships.Contains(context.ReportingCountry) ? context.ReportingCountry : f.Citizenships.FirstOrDefault() ?? "";
        row["CountryOfExploitation"] = f.ExploitationCountries.FirstOrDefault() ?? "";
        row[CtdcLayout.RegionColumn] = f.Region;

        if (f.MeansOfControl.Count > 0)
        {
            foreach (var column in CtdcLayout.MeansColumns.Values.Distinct()) row[column] = "0";
            foreach (var m in f.MeansOfControl)
                if (CtdcLayout.MeansColumns.TryGetValue(m, out var column)) row[column] = "1";
            row["meansOfControlConcatenated"] = string.Join(';', CtdcLayout.MeansColumns.Where(kv => row[kv.Value] == "1")
                .Select(kv => kv.Value["meansOfControl".Length..]).Distinct().Order(StringComparer.Ordinal));
        }
        if (f.Forms.Count > 0)
        {
            foreach (var column in CtdcLayout.FormColumns.Values.SelectMany(c => c).Distinct()) row[column] = "0";
            foreach (var form in f.Forms)
                if (CtdcLayout.FormColumns.TryGetValue(form, out var columns))
                    foreach (var column in columns) row[column] = "1";
            row["isSexAndLabour"] = row["isSexualExploit"] == "1" && row["isForcedLabour"] == "1" ? "1" : "0";
            row["typeOfExploitConcatenated"] = string.Join(';', CtdcLayout.FormLabels.Where(kv => row[kv.Key] == "1").Select(kv => kv.Value).Order(StringComparer.Ordinal));
        }
        return row;
    }

    /// <summary>
    /// The export as a CSV file, audited (who, k, records kept and left out, and where it was asked from): the one path
    /// of the command line and the statistics page.
    /// </summary>
    public static async Task<(byte[] Csv, Report Report)> ProduceAsync(IServiceProvider sp, int k, double maxSuppressedShare, string via, CancellationToken ct)
    {
        var result = await BuildAsync(sp.GetRequiredService<SigurDb>(), sp.GetRequiredService<StatisticsSettings>(), k, ct, maxSuppressedShare);
        using var buffer = new MemoryStream();
        await WriteCsvAsync(result, buffer, ct);
        await ExportAudit.RecordAsync(sp, "HtcdsRecords", $"k={result.Report.K}; {result.Report.Exported} records, {result.Report.Suppressed} left out; {via}", ct);
        return (buffer.ToArray(), result.Report);
    }

    public static async Task WriteCsvAsync(Result result, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        await Platform.CsvText.WriteAsync(writer, result.Rows.Select(r => (IReadOnlyList<string>)[.. result.Header.Select(c => Spreadsheet.Safe(r[c]))]).Prepend(result.Header));
        _ = ct;
    }
}

/// <summary>Values that a spreadsheet would run as a formula get a leading apostrophe (CSV injection).</summary>
public static class Spreadsheet
{
    public static string Safe(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '@' or '\t' or '\r' || (value.Length > 1 && value[0] == '-' && !char.IsAsciiDigit(value[1]))
            ? "'" + value : value;
}
