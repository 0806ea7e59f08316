using Sigur.Features.Cases;

namespace Sigur.Features.Statistics;

/// <summary>
/// A way to break down the counted facts. A multi-valued dimension (citizenship by country, form of exploitation)
/// puts one fact under several categories; its rows can add up to more than the total.
/// </summary>
public sealed record Dimension(string Name, string Label, bool MultiValued, IReadOnlyList<string>? FixedCategories,
    Func<VictimFact, StatisticsContext, IEnumerable<string>> Values);

/// <summary>What the dimensions need beyond the fact itself.</summary>
public sealed record StatisticsContext(string ReportingCountry);

public static class Dimensions
{
    public const string Unknown = "Unknown";

    public static readonly IReadOnlyList<string> AgeBands = ["0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+"];

    public static readonly IReadOnlySet<string> EuCountries = new HashSet<string>(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    };

    public static string AgeBand(int age) => age switch
    {
        <= 8 => "0-8", <= 17 => "9-17", <= 20 => "18-20", <= 23 => "21-23", <= 26 => "24-26", <= 29 => "27-29", <= 38 => "30-38", <= 47 => "39-47", _ => "48+",
    };

    public static string AgeGroup(VictimFact f) =>
        f.Age is { } age ? (age < CountingRules.AdultAge ? "Child" : "Adult") : f.PossiblyChild ? "Child" : Unknown;

    public static string FormGroup(string form) => form switch
    {
        "SexualExploitation" or "Pornography" => "SexualExploitation",
        "ForcedLabour" or "Servitude" or "Slavery" or "ChildLabour" => "LabourExploitation",
        _ => "OtherForms",
    };

    private static IEnumerable<string> OrUnknown(IEnumerable<string> values)
    {
        var any = false;
        foreach (var v in values) { any = true; yield return v; }
        if (!any) yield return Unknown;
    }

    public static readonly IReadOnlyList<Dimension> All =
    [
        new("year", "Year", false, null, (f, _) => [f.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? Unknown]),
        new("sex", "Sex", false, [nameof(Sex.Female), nameof(Sex.Male), nameof(Sex.Other), Unknown], (f, _) => [f.Sex.ToString()]),
        // Eurostat's sex has three categories; a sex recorded as other is none of male and female, hence unknown there.
        new("sexeurostat", "Sex (Eurostat: male, female, unknown)", false, [nameof(Sex.Male), nameof(Sex.Female), Unknown],
            (f, _) => [f.Sex is Sex.Male or Sex.Female ? f.Sex.ToString() : Unknown]),
        new("agegroup", "Age group", false, ["Child", "Adult", Unknown], (f, _) => [AgeGroup(f)]),
        new("ageband", "Age band", false, [.. AgeBands, Unknown], (f, _) => [f.Age is { } a ? AgeBand(a) : Unknown]),
        new("citizenship", "Citizenship (country)", true, null, (f, _) => OrUnknown(f.Citizenships)),
        new("nationality", "National or foreign", false, ["National", "Foreign", Unknown], (f, c) =>
            [f.Citizenships.Count == 0 ? Unknown : f.Citizenships.Contains(c.ReportingCountry) ? "National" : "Foreign"]),
        new("citizenshipgroup", "Citizenship (Eurostat groups)", false, ["ReportingCountry", "OtherEu", "NonEu", Unknown], (f, c) =>
            [f.Citizenships.Count == 0 ? Unknown : f.Citizenships.Contains(c.ReportingCountry) ? "ReportingCountry"
                : f.Citizenships.Any(EuCountries.Contains) ? "OtherEu" : "NonEu"]),
        new("form", "Form of exploitation", true, [.. CodeLists.FormsOfExploitation, Unknown], (f, _) => OrUnknown(f.Forms)),
        new("formgroup", "Form of exploitation (Eurostat groups)", true, ["SexualExploitation", "LabourExploitation", "OtherForms", Unknown],
            (f, _) => OrUnknown(f.Forms.Select(FormGroup).Distinct())),
        new("status", "Identification status", false, Enum.GetNames<IdentificationStatus>(), (f, _) => [f.Status.ToString()]),
        new("channel", "Intake channel", false, Enum.GetNames<IntakeChannel>(), (f, _) => [f.Channel.ToString()]),
        new("region", "Region", false, null, (f, _) => [string.IsNullOrWhiteSpace(f.Region) ? Unknown : f.Region]),
        new("trafficking", "Internal or cross-border", false, Enum.GetNames<Trafficking>(), (f, _) => [f.Trafficking.ToString()]),
        new("exploitationcountry", "Country of exploitation", true, null, (f, _) => OrUnknown(f.ExploitationCountries)),
        new("outcome", "Outcome of proceedings", false, [nameof(Justice.Verdict.Convicted), nameof(Justice.Verdict.Acquitted),
            nameof(Justice.Verdict.ChargesRejected), nameof(Justice.Verdict.Quashed), "Pending", Unknown], (f, _) => [f.Outcome ?? Unknown]),
        new("stage", "Stage of proceedings", false, [.. Enum.GetNames<Justice.ProceedingStage>(), Unknown], (f, _) => [f.Stage ?? Unknown]),
    ];

    /// <summary>
    /// The string-table key of a category's label: the code list's own where the category is one of its values
    /// ("status" NotAVictim → IdentificationStatus.NotAVictim), else one of the statistics' own
    /// (StatisticsCategory.agegroup.Child); null where the category is its own label (a year, an age band, a country code).
    /// </summary>
    public static string? CategoryKey(string dimension, string category) => (dimension, category) switch
    {
        (_, Unknown) => "Sex.Unknown",
        ("sex" or "sexeurostat", _) => $"Sex.{category}",
        ("status", _) => $"IdentificationStatus.{category}",
        ("channel", _) => $"IntakeChannel.{category}",
        ("stage", _) => $"ProceedingStage.{category}",
        ("form", _) => $"Form.{category}",
        ("region", _) => $"Region.{category}",
        ("outcome", not "Pending") => $"Verdict.{category}",
        ("agegroup" or "nationality" or "citizenshipgroup" or "formgroup" or "trafficking" or "outcome", _) => $"StatisticsCategory.{dimension}.{category}",
        _ => null,
    };

    public static Dimension? Find(string? name) =>
        All.FirstOrDefault(d => string.Equals(d.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The categories to show: the fixed list, or the values present (sorted, Unknown last).</summary>
    public static IReadOnlyList<string> Categories(Dimension d, IEnumerable<string> present) =>
        d.FixedCategories ?? present.Distinct().OrderBy(v => v == Unknown ? 1 : 0).ThenBy(v => v, StringComparer.Ordinal).ToList();
}
