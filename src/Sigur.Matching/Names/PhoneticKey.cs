namespace Sigur.Matching;

/// <summary>
/// A sound key for South-Slavic, Albanian and romanised Arabic/Persian names: the consonant skeleton
/// after merging the letters and digraphs that different spellings use for the same sound.
/// Đorđe/Djordje/Gjorgje/Dzordze, Ljubica/Lubica, Shaqiri/Šaćiri/Sakiri... Used for blocking and as a
/// comparison level, never as proof of identity.
/// </summary>
/// <remarks>
/// Input is a folded token (<see cref="NameFolding"/>). Classes: d dj gj dz xh dzh → D (đ is often typed d); lj ll → L; nj → N;
/// c q kj ts tc cz → C; th → T; dh → D; kh → H; gh → G; ph → F; w → V; y → J. A leading vowel becomes A
/// (Omar/Umar, Ibrahim/Ebrahim); other vowels are dropped, because romanisations of Arabic and Persian
/// names disagree mostly on vowels; repeated codes collapse.
/// </remarks>
public static class PhoneticKey
{
    public static string For(string foldedToken)
    {
        if (foldedToken.Length == 0) return "";
        Span<char> key = stackalloc char[foldedToken.Length + 1];
        int n = Encode(foldedToken, key);
        return new string(key[..n]);
    }

    /// <summary>Writes the key of <paramref name="s"/> into <paramref name="key"/> (at least s.Length+1 long); returns its length.</summary>
    public static int Encode(ReadOnlySpan<char> s, Span<char> key)
    {
        int n = 0;
        char last = '\0';
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            char next = i + 1 < s.Length ? s[i + 1] : '\0';
            char next2 = i + 2 < s.Length ? s[i + 2] : '\0';
            char code;
            int skip = 0;
            if (c == 'd' && next == 'z' && next2 == 'h') { code = 'D'; skip = 2; }
            else
            {
                (code, skip) = (c, next) switch
                {
                    ('d', 'j') or ('g', 'j') or ('d', 'z') or ('x', 'h') => ('D', 1),
                    ('l', 'j') or ('l', 'l') => ('L', 1),
                    ('n', 'j') => ('N', 1),
                    ('k', 'j') or ('t', 's') or ('t', 'c') or ('c', 'z') => ('C', 1),
                    ('t', 'h') => ('T', 1),
                    ('d', 'h') => ('D', 1),
                    ('k', 'h') => ('H', 1),
                    ('g', 'h') => ('G', 1),
                    ('p', 'h') => ('F', 1),
                    ('c', 'k') => ('K', 1),
                    _ => (Single(c), 0),
                };
            }
            i += skip;
            if (code == '*')
            {
                if (n == 0) key[n++] = last = 'A';
                else last = '*';
                continue;
            }
            if (code == '\0') continue;
            // A final h is silent in romanisation (Fatimah/Fatima).
            if (code == 'H' && skip == 0 && i == s.Length - 1 && n > 0) continue;
            if (code == last) continue;
            key[n++] = last = code;
        }
        return n;
    }

    private static char Single(char c) => c switch
    {
        'a' or 'e' or 'i' or 'o' or 'u' => '*',
        'c' or 'q' => 'C',
        'w' or 'v' => 'V',
        'y' or 'j' => 'J',
        >= 'a' and <= 'z' => (char)(c - 32),
        >= '0' and <= '9' => c,
        _ => '\0',
    };
}
