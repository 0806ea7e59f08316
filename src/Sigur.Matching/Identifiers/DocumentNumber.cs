using System.Text;

namespace Sigur.Matching;

/// <summary>
/// Passport and other document numbers as comparable keys: upper case, no separators, Cyrillic letters
/// that look Latin read as Latin (a Macedonian clerk may type А or О in Cyrillic), and for matching
/// the letters O/I that are confused with 0/1 taken as digits.
/// </summary>
public static class DocumentNumber
{
    /// <summary>The number as it should be stored: upper-case Latin letters and digits only.</summary>
    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var sb = new StringBuilder(text.Length);
        foreach (char raw in text.Normalize(NormalizationForm.FormKC))
        {
            char c = char.ToUpperInvariant(raw);
            c = c switch
            {
                'А' => 'A', 'В' => 'B', 'Е' => 'E', 'К' => 'K', 'М' => 'M', 'Н' => 'H', 'О' => 'O', 'Р' => 'P',
                'С' => 'C', 'Т' => 'T', 'Х' => 'X', 'У' => 'Y', 'Ј' => 'J', 'Ѕ' => 'S', 'І' => 'I',
                _ => c,
            };
            if (c is >= 'A' and <= 'Z' or >= '0' and <= '9') sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>The matching key: <see cref="Normalise"/> with O → 0 and I, L → 1.</summary>
    public static string MatchKey(string? text)
    {
        var s = Normalise(text);
        return string.Create(s.Length, s, static (span, src) =>
        {
            for (int i = 0; i < src.Length; i++)
                span[i] = src[i] switch { 'O' => '0', 'I' or 'L' => '1', var c => c };
        });
    }
}
