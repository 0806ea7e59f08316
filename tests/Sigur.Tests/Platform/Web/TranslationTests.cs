using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sigur.Features.Shared;
using Sigur.Features.Statistics;
using Sigur.Host;

namespace Sigur.Tests.Platform.Web;

/// <summary>
/// Every interface language is complete: each string of every string table, each string the pages ask for by its
/// English text, each label of a code list and each text the statistics and the offence catalogue carry as data is in
/// every language's table, with the English placeholders, and not left in English unless it is the same word in that
/// language (a short, explicit list).
/// </summary>
public sealed partial class TranslationTests
{
    public static TheoryData<string> Languages => [.. SigurHost.Cultures.Where(c => c != "en")];

    /// <summary>Words written the same as in English in the given languages; anything else equal to English is a gap.</summary>
    private static readonly Dictionary<string, string[]> SameAsEnglish = new(StringComparer.Ordinal)
    {
        ["Administrator"] = ["sr-Latn", "sr-Latn-ME", "bs", "hr", "sq"],
        ["Filter"] = ["sr-Latn", "sr-Latn-ME", "bs"],
        ["Format"] = ["sr-Latn", "sr-Latn-ME", "bs", "hr"],
        ["Region"] = ["sr-Latn", "sr-Latn-ME"],
        ["SMS"] = ["sr-Latn", "sr-Latn-ME", "bs", "hr", "sq"],
        ["Status"] = ["sr-Latn", "sr-Latn-ME", "bs", "hr"],
        ["E-mail"] = ["sq"],
        ["Grant"] = ["sr-Latn", "sr-Latn-ME", "bs", "hr"],
        ["Period"] = ["sr-Latn", "sr-Latn-ME", "bs"],
        ["Problem"] = ["sr-Latn", "sr-Latn-ME", "bs", "hr"],
    };

    private static string Source()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Sigur");
            if (Directory.Exists(Path.Combine(candidate, "Resources"))) return candidate;
        }
        throw new DirectoryNotFoundException("src/Sigur above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string> Strings(string culture) =>
        XDocument.Load(Path.Combine(Source(), "Resources", culture == "en" ? "SharedResource.resx" : $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    /// <summary>The English a key stands for: its value in the English table, else the key itself.</summary>
    private static string English(Dictionary<string, string> english, string key) => english.GetValueOrDefault(key) ?? key;

    [Fact]
    public void Every_interface_language_has_a_culture_a_string_table_and_a_place_in_the_switcher()
    {
        Assert.Equal(SigurHost.Cultures, PageSupport.Languages.Select(l => l.Culture));
        foreach (var culture in SigurHost.Cultures)
        {
            // ICU knows the culture (dates and numbers are formatted by its data, not by the invariant culture's).
            var info = CultureInfo.GetCultureInfo(culture, predefinedOnly: true);
            Assert.Equal(culture, info.Name);
            if (culture != "en") Assert.True(File.Exists(Path.Combine(Source(), "Resources", $"SharedResource.{culture}.resx")), culture);
        }
        // Montenegrin is Ijekavian: its weekdays too, not the Ekavian ones of CLDR's Serbian for Montenegro.
        Assert.Equal("ponedjeljak", SigurHost.FormattingCulture("sr-Latn-ME").DateTimeFormat.GetDayName(DayOfWeek.Monday));
        Assert.Equal("сриједа", SigurHost.FormattingCulture("sr-Cyrl-ME").DateTimeFormat.GetDayName(DayOfWeek.Wednesday));
        Assert.Equal("15. ožujka 2004.", new DateTime(2004, 3, 15).ToString("d. MMMM yyyy.", SigurHost.FormattingCulture("hr")));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_of_every_table_is_translated_with_the_same_placeholders(string culture)
    {
        var english = Strings("en");
        var translated = Strings(culture);
        var keys = SigurHost.Cultures.SelectMany(c => Strings(c).Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(keys.Count > 1000, $"only {keys.Count} strings found");

        // Compared with an empty list so that a failure names the strings.
        Assert.Equal([], keys.Where(k => !translated.ContainsKey(k)).ToList());
        Assert.Equal([], keys.Where(k => !Placeholders(English(english, k)).SequenceEqual(Placeholders(translated[k]))).ToList());
        Assert.Equal([], keys.Where(k => string.IsNullOrWhiteSpace(translated[k]) != string.IsNullOrWhiteSpace(English(english, k))).ToList());
        Assert.Equal([], keys.Where(k => translated[k] == English(english, k) && !k.StartsWith("Region.", StringComparison.Ordinal)
            && !(SameAsEnglish.TryGetValue(translated[k], out var languages) && languages.Contains(culture))).ToList());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_string_the_code_asks_for_is_in_the_table(string culture)
    {
        var asked = AskedFor().ToList();
        Assert.True(asked.Count > 1000, $"only {asked.Count} strings found in the code");
        var translated = Strings(culture);
        Assert.Equal([], asked.Where(k => !translated.ContainsKey(k)).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    /// <summary>
    /// The keys the code looks up: literals (L["…"] in pages, localizer["…"] in code), every value of a code list
    /// that has labels ("IntakeChannel.Ngo" for each IntakeChannel), and the texts that the statistics (counting
    /// rules, dimensions, report templates) and the shipped offence catalogues hold as data.
    /// </summary>
    private static IEnumerable<string> AskedFor()
    {
        var files = Directory.EnumerateFiles(Source(), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in files)
            foreach (Match m in Literal().Matches(File.ReadAllText(file)))
                yield return Regex.Unescape(m.Groups[1].Value);

        var english = Strings("en");
        foreach (var type in typeof(SigurHost).Assembly.GetTypes().Where(t => t.IsEnum))
        {
            var names = Enum.GetNames(type);
            if (names.Any(n => english.ContainsKey($"{type.Name}.{n}")))
                foreach (var n in names) yield return $"{type.Name}.{n}";
        }

        foreach (var (title, text) in CountingRules.Rules) { yield return title; yield return text; }
        foreach (var unit in Enum.GetValues<CountingUnit>())
            foreach (var reference in Enum.GetValues<ReferenceDate>())
                foreach (var part in CountingRules.Definition(unit, reference, multiValued: true, words: s => s + "\n").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                    yield return part;
        foreach (var d in Dimensions.All) yield return d.Label;
        foreach (var t in ReportTemplate.All)
        {
            yield return t.Title;
            yield return t.Source;
            foreach (var table in t.Tables) yield return table.Title;
        }
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Source(), "Features", "Justice", "Catalogue"), "*.json"))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            yield return doc.RootElement.GetProperty("law").GetString()!;
            yield return doc.RootElement.GetProperty("source").GetString()!;
            foreach (var article in doc.RootElement.GetProperty("articles").EnumerateArray()) yield return article.GetProperty("title").GetString()!;
        }
    }

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\b(?:L|localizer)\[""((?:[^""\\]|\\.)*)""\s*[\],]")]
    private static partial Regex Literal();
}
