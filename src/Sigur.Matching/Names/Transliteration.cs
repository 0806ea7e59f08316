using System.Globalization;
using System.Text;

namespace Sigur.Matching;

/// <summary>Which national alphabet a Cyrillic text is read in (they share most letters).</summary>
public enum CyrillicLanguage { Serbian, Macedonian }

/// <summary>How Macedonian Cyrillic is written in Latin letters.</summary>
public enum MacedonianRomanisation
{
    /// <summary>The national romanisation (BGN/PCGN 2013, same letters as ISO 9): ǵ ḱ dz dž lj nj ž č š.</summary>
    Official,
    /// <summary>The form printed in passports: gj kj dz dzh lj nj zh ch sh.</summary>
    Passport,
}

/// <summary>
/// Cyrillic ↔ Latin by the official alphabet correspondences. Everything that is not Cyrillic passes
/// through unchanged, so mixed-script records ("Marko Петровић") come out whole.
/// </summary>
/// <remarks>
/// Serbian Latin → Cyrillic is ambiguous where a word has a separate n+j, l+j or d+ž in Cyrillic
/// ("nadživeti" is над-живети, not наџивети). Personal names practically never do, so the digraph is
/// always taken as one letter; Latin → Cyrillic → Latin is still the identity.
/// </remarks>
public static class Transliteration
{
    private const char CombiningAcute = '\u0301';

    /// <summary>Latin form of a Cyrillic text, keeping case and every non-Cyrillic character.</summary>
    public static string ToLatin(string text, CyrillicLanguage language = CyrillicLanguage.Serbian,
        MacedonianRomanisation system = MacedonianRomanisation.Official)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!ContainsCyrillic(text)) return text.Normalize(NormalizationForm.FormC);
        text = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(text.Length + 8);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (!IsCyrillic(c)) { sb.Append(c); continue; }
            bool upper = char.IsUpper(c);
            char lower = char.ToLowerInvariant(c);
            // Montenegrin ś and ź are written С́ З́: a base letter and a combining acute.
            if ((lower == 'с' || lower == 'з') && i + 1 < text.Length && text[i + 1] == CombiningAcute)
            {
                sb.Append(lower == 'с' ? (upper ? 'Ś' : 'ś') : (upper ? 'Ź' : 'ź'));
                i++;
                continue;
            }
            string latin = LowerLatin(lower, language, system);
            if (!upper || latin.Length == 0) { sb.Append(latin); continue; }
            if (latin.Length == 1) { sb.Append(char.ToUpperInvariant(latin[0])); continue; }
            // A capital digraph is all capitals inside an all-capital word (ЉУБА → LJUBA), title case otherwise (Љуба → Ljuba).
            bool allCaps = AllCapitalWord(text, i);
            sb.Append(char.ToUpperInvariant(latin[0]));
            for (int k = 1; k < latin.Length; k++) sb.Append(allCaps ? char.ToUpperInvariant(latin[k]) : latin[k]);
        }
        return sb.ToString();
    }

    /// <summary>Serbian Latin (Gaj's alphabet) → Serbian Cyrillic. Letters outside the Serbian alphabet (q, w, x, y) pass through.</summary>
    public static string SerbianLatinToCyrillic(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            char lower = char.ToLowerInvariant(c);
            bool upper = c != lower;
            char next = i + 1 < text.Length ? char.ToLowerInvariant(text[i + 1]) : '\0';
            char digraph = (lower, next) switch
            {
                ('l', 'j') => 'љ',
                ('n', 'j') => 'њ',
                ('d', 'ž') => 'џ',
                _ => '\0',
            };
            if (digraph != '\0')
            {
                sb.Append(upper ? char.ToUpperInvariant(digraph) : digraph);
                i++;
                continue;
            }
            char cyr = lower switch
            {
                'a' => 'а', 'b' => 'б', 'v' => 'в', 'g' => 'г', 'd' => 'д', 'đ' => 'ђ', 'e' => 'е', 'ž' => 'ж',
                'z' => 'з', 'i' => 'и', 'j' => 'ј', 'k' => 'к', 'l' => 'л', 'm' => 'м', 'n' => 'н', 'o' => 'о',
                'p' => 'п', 'r' => 'р', 's' => 'с', 't' => 'т', 'ć' => 'ћ', 'u' => 'у', 'f' => 'ф', 'h' => 'х',
                'c' => 'ц', 'č' => 'ч', 'š' => 'ш',
                _ => '\0',
            };
            if (cyr == '\0')
            {
                if (lower is 'ś' or 'ź')
                {
                    char baseLetter = lower == 'ś' ? 'с' : 'з';
                    sb.Append(upper ? char.ToUpperInvariant(baseLetter) : baseLetter).Append(CombiningAcute);
                }
                else sb.Append(c);
                continue;
            }
            sb.Append(upper ? char.ToUpperInvariant(cyr) : cyr);
        }
        return sb.ToString();
    }

    public static bool ContainsCyrillic(ReadOnlySpan<char> text)
    {
        foreach (char c in text) if (IsCyrillic(c)) return true;
        return false;
    }

    public static bool IsCyrillic(char c) => c is >= '\u0400' and <= '\u04FF';

    private static bool AllCapitalWord(string text, int i)
    {
        char next = i + 1 < text.Length ? text[i + 1] : '\0';
        if (char.IsLetter(next)) return char.IsUpper(next);
        char previous = i > 0 ? text[i - 1] : '\0';
        return char.IsLetter(previous) && char.IsUpper(previous);
    }

    private static string LowerLatin(char c, CyrillicLanguage language, MacedonianRomanisation system)
    {
        bool passport = language == CyrillicLanguage.Macedonian && system == MacedonianRomanisation.Passport;
        return c switch
        {
            'а' => "a", 'б' => "b", 'в' => "v", 'г' => "g", 'д' => "d", 'е' => "e", 'з' => "z", 'и' => "i",
            'ј' => "j", 'к' => "k", 'л' => "l", 'љ' => "lj", 'м' => "m", 'н' => "n", 'њ' => "nj", 'о' => "o",
            'п' => "p", 'р' => "r", 'с' => "s", 'т' => "t", 'у' => "u", 'ф' => "f", 'х' => "h", 'ц' => "c",
            'ђ' => "đ", 'ћ' => "ć",
            'ж' => passport ? "zh" : "ž",
            'ч' => passport ? "ch" : "č",
            'ш' => passport ? "sh" : "š",
            'џ' => passport ? "dzh" : "dž",
            'ѓ' => passport ? "gj" : "ǵ",
            'ќ' => passport ? "kj" : "ḱ",
            'ѕ' => "dz",
            // Letters of other Cyrillic alphabets (victims from Ukraine, Russia, Bulgaria): a scholarly
            // reading so that nothing Cyrillic is left; the national systems are not implemented.
            'й' => "j", 'я' => "ja", 'ю' => "ju", 'ё' => "jo", 'є' => "je", 'ї' => "ji", 'і' => "i", 'ы' => "y",
            'э' => "e", 'щ' => "šč", 'ъ' => "", 'ь' => "", 'ґ' => "g", 'ў' => "u",
            _ => c.ToString(CultureInfo.InvariantCulture),
        };
    }
}
