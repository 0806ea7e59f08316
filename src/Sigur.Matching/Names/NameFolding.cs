using System.Globalization;
using System.Text;

namespace Sigur.Matching;

/// <summary>
/// Reduces a name to its matching form: Latin script, lower case, no diacritics, one space between tokens.
/// Cyrillic is read as Serbian (Macedonian-only letters are mapped too), compatibility characters are
/// unified (NFKC), and the digraphs that other romanisations use for the same sound (sh, zh, ch — the
/// Macedonian passport form and Albanian spelling) are folded like š, ž, č.
/// </summary>
public static class NameFolding
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        // NFKC is the identity on ASCII, and normalising costs more than the rest of the folding.
        string latin = System.Text.Ascii.IsValid(text) ? text : Transliteration.ToLatin(text.Normalize(NormalizationForm.FormKC));
        var sb = new StringBuilder(latin.Length + 4);
        bool pendingSpace = false;
        foreach (char raw in latin)
        {
            char c = char.ToLowerInvariant(raw);
            if (c is '\'' or '’' or 'ʼ' or '`' or '´') continue; // O'Brien, Ra'ad: the apostrophe joins
            string? folded = FoldLetter(c);
            if (folded is null) { pendingSpace = sb.Length > 0; continue; }
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(folded);
        }
        FoldDigraphs(sb);
        return sb.ToString();
    }

    /// <summary>The folded form of one lower-case letter or digit; null for a separator.</summary>
    private static string? FoldLetter(char c)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9') return AsciiStrings[c];
        switch (c)
        {
            case 'č' or 'ć' or 'ç': return "c";
            case 'đ': return "dj";          // Đorđe is written Djordje without diacritics
            case 'ǵ': return "gj";          // Macedonian ѓ, as in the passport form
            case 'ḱ': return "kj";          // Macedonian ќ
            case 'š' or 'ś': return "s";
            case 'ž' or 'ź': return "z";
            case 'ë': return "e";           // Albanian
            case 'ß': return "ss";
            case 'æ': return "ae";
            case 'œ': return "oe";
            case 'ø': return "o";
            case 'ł': return "l";
            case 'ı': return "i";
            case 'ð': return "d";
            case 'þ': return "th";
        }
        if (!char.IsLetterOrDigit(c)) return null;
        if (c < OtherLetters.Length) return OtherLetters[c] ??= BaseLetter(c);
        return BaseLetter(c);
    }

    /// <summary>Base letters of the Latin-script characters below U+2000, computed on first use.</summary>
    private static readonly string?[] OtherLetters = new string?[0x2000];

    /// <summary>Any other accented Latin letter: its base letter.</summary>
    private static string? BaseLetter(char c)
    {
        string decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (char d in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark) sb.Append(d);
        return sb.Length > 0 ? sb.ToString() : null;
    }

    private static readonly string[] AsciiStrings = Enumerable.Range(0, 128).Select(i => ((char)i).ToString()).ToArray();

    /// <summary>sh → s, zh → z, ch → c, so Shaqiri/Šaćiri, Zhivko/Živko, Chaushev/Čaušev share a key.</summary>
    private static void FoldDigraphs(StringBuilder sb)
    {
        int w = 0;
        for (int r = 0; r < sb.Length; r++)
        {
            char c = sb[r];
            if (c == 'h' && w > 0 && sb[w - 1] is 's' or 'z' or 'c') continue;
            sb[w++] = c;
        }
        sb.Length = w;
    }
}
