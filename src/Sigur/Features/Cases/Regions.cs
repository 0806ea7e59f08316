using System.Collections.Frozen;
using System.Globalization;
using System.Resources;

namespace Sigur.Features.Cases;

/// <summary>
/// The regions a case or a hotline contact is placed in: the reporting country's statistical regions by their NUTS
/// codes (Eurostat), so that figures by region add up and no free text that could point at a person is stored.
/// Names live in the string table as "Region.{code}" in every interface language.
/// </summary>
public static class Regions
{
    private static readonly FrozenDictionary<string, string[]> ByCountry = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // North Macedonia: the eight statistical regions (NUTS 3).
        ["MK"] = ["MK001", "MK002", "MK003", "MK004", "MK005", "MK006", "MK007", "MK008"],
        // Serbia: the four statistical regions (NUTS 2 level).
        ["RS"] = ["RS11", "RS12", "RS21", "RS22"],
        // Albania: the twelve counties (qarqe, NUTS 3).
        ["AL"] = ["AL011", "AL012", "AL013", "AL014", "AL015", "AL021", "AL022", "AL031", "AL032", "AL033", "AL034", "AL035"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public const string UnknownMessage = "Choose one of the country's regions.";

    public static IReadOnlyList<string> Of(string country) => ByCountry.GetValueOrDefault(country) ?? [];

    /// <summary>Empty (not recorded) or one of the country's codes.</summary>
    public static bool IsValid(string country, string? code) => string.IsNullOrEmpty(code) || Of(country).Contains(code);

    private static readonly string[] InterfaceCultures = [.. Host.SigurHost.Cultures.Select(c => c == "en" ? "" : c)];

    private static readonly ResourceManager Strings = new("Sigur.Resources.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>A region's name in the current interface language (the API's answers carry it beside the code).</summary>
    public static string Name(string code) =>
        code.Length == 0 ? "" : Strings.GetString($"Region.{code}", CultureInfo.CurrentUICulture) ?? code;

    /// <summary>
    /// The code for a code or a region's name in any interface language and script ("MK006", "Polog", "Полошки",
    /// "Pollogu"), or null: the importer takes files written by hand.
    /// </summary>
    public static Func<string, string?> Lookup(string country)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var code in Of(country))
        {
            names[code] = code;
            foreach (var culture in InterfaceCultures)
                if (Strings.GetString($"Region.{code}", CultureInfo.GetCultureInfo(culture)) is { Length: > 0 } name) names.TryAdd(name, code);
        }
        return text => names.GetValueOrDefault(text.Trim());
    }
}
