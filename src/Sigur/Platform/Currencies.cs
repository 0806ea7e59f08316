namespace Sigur.Platform;

/// <summary>
/// The currency money is counted in where a country's authorities count it, so that a form offers the right one
/// (a North Macedonian proceeding in denars, a Serbian one in dinars). Amounts are stored as long minor units with the
/// ISO 4217 code; pages show and take them in the main unit.
/// </summary>
public static class Currencies
{
    private static readonly IReadOnlyDictionary<string, string> OfCountry = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["MK"] = "MKD", ["RS"] = "RSD", ["AL"] = "ALL", ["BA"] = "BAM", ["ME"] = "EUR", ["XK"] = "EUR", ["HR"] = "EUR", ["SI"] = "EUR",
        ["BG"] = "BGN", ["RO"] = "RON", ["GR"] = "EUR", ["HU"] = "HUF", ["MD"] = "MDL", ["TR"] = "TRY", ["UA"] = "UAH",
    };

    /// <summary>The country's currency; the euro where the country is not one of the region's.</summary>
    public static string Of(string? country) => country is not null && OfCountry.TryGetValue(country, out var code) ? code : "EUR";

    /// <summary>Minor units in the main unit, in the reader's number format, with the code: "1.234,50 MKD".</summary>
    public static string Show(long minor, string currency) =>
        (minor / 100m).ToString("N2", System.Globalization.CultureInfo.CurrentCulture) + " " + currency;

    /// <summary>An amount typed in the main unit, in minor units.</summary>
    public static long ToMinor(decimal amount) => (long)decimal.Round(amount * 100m);
}
