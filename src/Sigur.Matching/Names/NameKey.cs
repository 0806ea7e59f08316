namespace Sigur.Matching;

/// <summary>
/// The search key for a person's name: Latin, folded, lower case, common variants unified, tokens sorted.
/// "Петровић Марко", "Marko Petrović" and "marko petrovic" give "marko petrovic".
/// The case registry indexes on it, so the output for a given input must not change without a reindex.
/// </summary>
public static class NameKey
{
    /// <summary>The sorted folded tokens joined by one space; "" for a blank name.</summary>
    public static string For(string text)
    {
        var tokens = Tokens(text).ToList();
        tokens.Sort(StringComparer.Ordinal);
        return string.Join(' ', tokens);
    }

    /// <summary>The folded tokens in their written order.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        string folded = NameFolding.Fold(text);
        if (folded.Length == 0) return [];
        return ArabicNameVariants.Canonicalise(folded.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
