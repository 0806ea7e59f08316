using System.Buffers;

namespace Sigur.Matching;

/// <summary>
/// Levenshtein and Damerau (optimal string alignment) distances. Strings whose shorter side is at most
/// 64 characters use the bit-parallel algorithms of Myers (1999) and Hyyrö (2003): one machine word per
/// column, no allocation. Longer strings fall back to the two-row dynamic programme.
/// </summary>
public static class EditDistance
{
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length > b.Length) { var t = a; a = b; b = t; }
        if (a.Length == 0) return b.Length;
        if (a.Length > 64) return PlainLevenshtein(a, b);
        var pm = new PatternMasks(a, stackalloc ulong[128]);
        ulong vp = ~0UL, vn = 0, last = 1UL << (a.Length - 1);
        int distance = a.Length;
        foreach (char c in b)
        {
            ulong x = pm.Get(c);
            ulong d0 = (((x & vp) + vp) ^ vp) | x | vn;
            ulong hp = vn | ~(d0 | vp);
            ulong hn = d0 & vp;
            if ((hp & last) != 0) distance++;
            if ((hn & last) != 0) distance--;
            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | ~(d0 | hp);
            vn = hp & d0;
        }
        return distance;
    }

    /// <summary>Optimal string alignment: Levenshtein plus transposition of two adjacent characters (no edits inside a transposed pair).</summary>
    public static int Damerau(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length > b.Length) { var t = a; a = b; b = t; }
        if (a.Length == 0) return b.Length;
        if (a.Length > 64) return PlainDamerau(a, b);
        var pm = new PatternMasks(a, stackalloc ulong[128]);
        ulong vp = ~0UL, vn = 0, d0 = 0, previousMask = 0, last = 1UL << (a.Length - 1);
        int distance = a.Length;
        foreach (char c in b)
        {
            ulong x = pm.Get(c);
            ulong transposed = (((~d0) & x) << 1) & previousMask;
            d0 = (((x & vp) + vp) ^ vp) | x | vn | transposed;
            ulong hp = vn | ~(d0 | vp);
            ulong hn = d0 & vp;
            if ((hp & last) != 0) distance++;
            if ((hn & last) != 0) distance--;
            hp = (hp << 1) | 1;
            hn <<= 1;
            vp = hn | ~(d0 | hp);
            vn = hp & d0;
            previousMask = x;
        }
        return distance;
    }

    /// <summary>1 − distance / longer length; 1 for two empty strings.</summary>
    public static double LevenshteinSimilarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int max = Math.Max(a.Length, b.Length);
        return max == 0 ? 1.0 : 1.0 - (double)Levenshtein(a, b) / max;
    }

    /// <summary>The textbook dynamic programme; the reference the bit-parallel form is tested against.</summary>
    public static int PlainLevenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int[] rented = ArrayPool<int>.Shared.Rent(2 * (b.Length + 1));
        try
        {
            Span<int> previous = rented.AsSpan(0, b.Length + 1), current = rented.AsSpan(b.Length + 1, b.Length + 1);
            for (int j = 0; j <= b.Length; j++) previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                }
                var t = previous; previous = current; current = t;
            }
            return previous[b.Length];
        }
        finally { ArrayPool<int>.Shared.Return(rented); }
    }

    /// <summary>Optimal string alignment by dynamic programme (full matrix; reference and long strings).</summary>
    public static int PlainDamerau(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int w = b.Length + 1;
        var d = new int[(a.Length + 1) * w];
        for (int i = 0; i <= a.Length; i++) d[i * w] = i;
        for (int j = 0; j <= b.Length; j++) d[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int v = Math.Min(Math.Min(d[(i - 1) * w + j] + 1, d[i * w + j - 1] + 1), d[(i - 1) * w + j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    v = Math.Min(v, d[(i - 2) * w + j - 2] + 1);
                d[i * w + j] = v;
            }
        }
        return d[a.Length * w + b.Length];
    }

    /// <summary>For each character, the bit set of its positions in the pattern (≤ 64 characters).</summary>
    private ref struct PatternMasks
    {
        private readonly Span<ulong> ascii;
        private readonly ReadOnlySpan<char> pattern;
        private readonly bool hasOther;

        public PatternMasks(ReadOnlySpan<char> pattern, Span<ulong> asciiBuffer)
        {
            this.pattern = pattern;
            ascii = asciiBuffer;
            ascii.Clear();
            for (int i = 0; i < pattern.Length; i++)
            {
                char c = pattern[i];
                if (c < 128) ascii[c] |= 1UL << i;
                else hasOther = true;
            }
        }

        public readonly ulong Get(char c)
        {
            if (c < 128) return ascii[c];
            if (!hasOther) return 0;
            // Non-ASCII letters are rare in folded keys: scan the pattern rather than keep a table.
            ulong mask = 0;
            for (int i = 0; i < pattern.Length; i++) if (pattern[i] == c) mask |= 1UL << i;
            return mask;
        }
    }
}
