using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Sigur.Tests.Features.Justice;

/// <summary>
/// Every string of the Justice blocks of the English string table is translated in every interface language: not
/// missing (the page would fall back to English), not an English copy, and with the same placeholders, so a format
/// string cannot throw or drop a value in one language only.
/// </summary>
public sealed partial class JusticeTranslationTests
{
    public static TheoryData<string> Languages => [.. Sigur.Host.SigurHost.Cultures.Where(c => c != "en")];

    private static string Resources()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Sigur", "Resources");
            if (Directory.Exists(candidate)) return candidate;
        }
        throw new DirectoryNotFoundException("src/Sigur/Resources above " + AppContext.BaseDirectory);
    }

    private static Dictionary<string, string> Strings(string file) =>
        XDocument.Load(Path.Combine(Resources(), file)).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    /// <summary>The keys after an XML comment that names Features/Justice, up to the next comment.</summary>
    private static List<string> JusticeKeys()
    {
        var keys = new List<string>();
        var inJustice = false;
        foreach (var node in XDocument.Load(Path.Combine(Resources(), "SharedResource.resx")).Root!.Nodes())
        {
            if (node is XComment comment) inJustice = comment.Value.Contains("Features/Justice", StringComparison.Ordinal);
            else if (inJustice && node is XElement { Name.LocalName: "data" } data) keys.Add((string)data.Attribute("name")!);
        }
        return keys;
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_Justice_string_is_translated_with_the_same_placeholders(string culture)
    {
        var english = Strings("SharedResource.resx");
        var translated = Strings($"SharedResource.{culture}.resx");
        var keys = JusticeKeys();
        Assert.True(keys.Count > 300, $"only {keys.Count} Justice strings found");

        // Compared with an empty list so that a failure names the strings.
        Assert.Equal([], keys.Where(k => !translated.ContainsKey(k)).ToList());
        Assert.Equal([], keys.Where(k => translated[k] == english[k]).ToList());
        Assert.Equal([], keys.Where(k => !Placeholders(english[k]).SequenceEqual(Placeholders(translated[k]))).ToList());
    }

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
