using System.Globalization;
using System.Text;

namespace Sigur.Matching;

/// <summary>
/// A script- and diacritic-free key for names: Cyrillic is transliterated, diacritics folded, case dropped, tokens
/// sorted — so "Петровић Марко", "Marko Petrović" and "marko petrovic" have the same key.
/// (Interim version; the matching engine's normalisation replaces it.)
/// </summary>
public static class NameKey
{
    private static readonly Dictionary<char, string> Cyrillic = new()
    {
        ['а'] = "a", ['б'] = "b", ['в'] = "v", ['г'] = "g", ['д'] = "d", ['ђ'] = "dj", ['ѓ'] = "gj", ['е'] = "e", ['ж'] = "z",
        ['з'] = "z", ['ѕ'] = "dz", ['и'] = "i", ['ј'] = "j", ['к'] = "k", ['л'] = "l", ['љ'] = "lj", ['м'] = "m", ['н'] = "n",
        ['њ'] = "nj", ['о'] = "o", ['п'] = "p", ['р'] = "r", ['с'] = "s", ['т'] = "t", ['ћ'] = "c", ['ќ'] = "kj", ['у'] = "u",
        ['ф'] = "f", ['х'] = "h", ['ц'] = "c", ['ч'] = "c", ['џ'] = "dz", ['ш'] = "s",
    };

    public static string For(string text) => string.Join(' ', Tokens(text).Order(StringComparer.Ordinal));

    public static IEnumerable<string> Tokens(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (Cyrillic.TryGetValue(ch, out var latin)) { sb.Append(latin); continue; }
            if (ch == 'đ') { sb.Append("dj"); continue; }
            foreach (var d in ch.ToString().Normalize(NormalizationForm.FormD))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(d) == UnicodeCategory.NonSpacingMark) continue;
                sb.Append(char.IsLetterOrDigit(d) ? d : ' ');
            }
        }
        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct();
    }
}
