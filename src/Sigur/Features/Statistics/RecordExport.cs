using System.Globalization;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Statistics;

/// <summary>
/// The anonymised record-level export in the CTDC/HTCDS layout: one row per victim (presumed or identified) per year,
/// k-anonymous over the quasi-identifiers (year, sex, age band, majority status, citizenship, country of
/// exploitation, region). Records are generalised step by step — rare citizenships and countries to "Other", the
/// region removed, age bands widened, then removed — until at most <c>maxSuppressedShare</c> of them still stand out;
/// those are then left out. Never names, dates of birth, addresses or free text: none of them is even read.
/// </summary>
public static class RecordExport
{
    public static readonly string[] QuasiIdentifiers =
        ["yearOfRegistration", "gender", "ageBroad", "majorityStatus", "citizenship", "CountryOfExploitation", CtdcLayout.RegionColumn];

    public sealed record Step(string Description, string Column, int ValuesChanged);

    public sealed record Report(int K, int Records, int Exported, int Suppressed, IReadOnlyList<string> QuasiIdentifiers, IReadOnlyList<Step> Generalisations)
    {
        public override string ToString() =>
            $"k = {K}: {Exported} of {Records} records exported, {Suppressed} left out. Quasi-identifiers: {string.Join(", ", QuasiIdentifiers)}.\n"
            + (Generalisations.Count == 0 ? "No generalisation was needed.\n"
                : string.Concat(Generalisations.Select(g => $"  - {g.Description} ({g.Column}): {g.ValuesChanged} values changed\n")));
    }

    public sealed record Result(IReadOnlyList<string> Header, IReadOnlyList<Dictionary<string, string>> Rows, Report Report);

    public static async Task<Result> BuildAsync(SigurDb db, IConfiguration config, int k, CancellationToken ct, double maxSuppressedShare = 0.05)
    {
        if (k < 2) throw new ArgumentOutOfRangeException(nameof(k), "k must be at least 2.");
        var context = CrossTab.Context(config);
        var facts = await VictimFacts.LoadAsync(db, CountingUnit.Person, ReferenceDate.Intake, context.ReportingCountry, ct);
        var rows = facts.Where(f => f.Status is IdentificationStatus.Identified or IdentificationStatus.Presumed)
            .Select(f => ToRow(f, context)).ToList();
        return Anonymise(rows, k, maxSuppressedShare, context.ReportingCountry);
    }

    internal static Result Anonymise(List<Dictionary<string, string>> rows, int k, double maxSuppressedShare, string reportingCountry)
    {
        var total = rows.Count;
        var steps = new List<Step>();
        var ladder = new (string Description, string Column, Func<List<Dictionary<string, string>>, string, Func<string, string>> Map)[]
        {
            ("Citizenships held by fewer than k records recoded to Other", "citizenship", RareToOther(k)),
            ("Countries of exploitation with fewer than k records recoded to Other", "CountryOfExploitation", RareToOther(k)),
            ("Region removed", CtdcLayout.RegionColumn, (_, _) => _ => ""),
            ("Age bands widened to 0--17, 18--29, 30--47, 48+", "ageBroad", (_, _) => Widen),
            ("Age band removed (majority status kept)", "ageBroad", (_, _) => _ => ""),
            ("Citizenship reduced to national or foreign", "citizenship", (_, _) => v => v is "" || v == reportingCountry ? v : "Foreign"),
            ("Country of exploitation reduced to the reporting country or abroad", "CountryOfExploitation", (_, _) => v => v is "" || v == reportingCountry ? v : "Abroad"),
        };
        foreach (var (description, column, map) in ladder)
        {
            var violating = Violating(rows, k).Count;
            if (violating <= maxSuppressedShare * rows.Count) break;
            var f = map(rows, column);
            var changed = 0;
            foreach (var row in rows)
            {
                var next = f(row[column]);
                if (next != row[column]) { row[column] = next; changed++; }
            }
            if (changed > 0) steps.Add(new Step(description, column, changed));
        }
        var outliers = Violating(rows, k);
        rows = [.. rows.Where(r => !outliers.Contains(r))];
        return new Result([.. CtdcLayout.Columns, CtdcLayout.RegionColumn], rows, new Report(k, total, rows.Count, total - rows.Count, QuasiIdentifiers, steps));
    }

    private static Func<List<Dictionary<string, string>>, string, Func<string, string>> RareToOther(int k) => (rows, column) =>
    {
        var counts = rows.GroupBy(r => r[column]).ToDictionary(g => g.Key, g => g.Count());
        return v => v is "" || counts[v] >= k ? v : "Other";
    };

    private static string Widen(string band) => CtdcLayout.LowestAge(band) switch
    {
        null => band,
        < 18 => "0--17",
        < 30 => "18--29",
        < 48 => "30--47",
        _ => "48+",
    };

    private static HashSet<Dictionary<string, string>> Violating(List<Dictionary<string, string>> rows, int k) =>
        [.. rows.GroupBy(r => string.Join('\u001f', QuasiIdentifiers.Select(q => r[q]))).Where(g => g.Count() < k).SelectMany(g => g)];

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
