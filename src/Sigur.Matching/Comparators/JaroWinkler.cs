namespace Sigur.Matching;

/// <summary>Jaro and Jaro-Winkler similarity in [0, 1], without allocation for strings up to 64 characters.</summary>
public static class JaroWinkler
{
    /// <summary>Jaro-Winkler: Jaro boosted by a common prefix of up to 4 characters (scale 0.1) when Jaro exceeds 0.7.</summary>
    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        double jaro = Jaro(a, b);
        if (jaro <= 0.7) return jaro;
        int prefix = 0, max = Math.Min(4, Math.Min(a.Length, b.Length));
        while (prefix < max && a[prefix] == b[prefix]) prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    public static double Jaro(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        // Greedy matching depends on which side drives it; a fixed order makes the measure symmetric.
        if (a.Length > b.Length || (a.Length == b.Length && a.SequenceCompareTo(b) > 0))
        {
            var t = a; a = b; b = t;
        }
        if (a.Length == 0) return b.Length == 0 ? 1.0 : 0.0;
        if (a.SequenceEqual(b)) return 1.0;
        return b.Length <= 64 ? JaroShort(a, b) : JaroLong(a, b);
    }

    /// <summary>b fits in one machine word: matched positions of b are bits.</summary>
    private static double JaroShort(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        ulong matchedB = 0, matchedA = 0;
        int matches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int lo = Math.Max(0, i - window), hi = Math.Min(b.Length - 1, i + window);
            char c = a[i];
            for (int j = lo; j <= hi; j++)
            {
                if ((matchedB & (1UL << j)) == 0 && b[j] == c)
                {
                    matchedB |= 1UL << j;
                    matchedA |= 1UL << i;
                    matches++;
                    break;
                }
            }
        }
        if (matches == 0) return 0.0;
        int transpositions = 0, k = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if ((matchedA & (1UL << i)) == 0) continue;
            while ((matchedB & (1UL << k)) == 0) k++;
            if (a[i] != b[k]) transpositions++;
            k++;
        }
        return Combine(a.Length, b.Length, matches, transpositions / 2);
    }

    private static double JaroLong(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        int window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        bool[] matchedA = new bool[a.Length], matchedB = new bool[b.Length];
        int matches = 0;
        for (int i = 0; i < a.Length; i++)
        {
            int lo = Math.Max(0, i - window), hi = Math.Min(b.Length - 1, i + window);
            for (int j = lo; j <= hi; j++)
            {
                if (!matchedB[j] && b[j] == a[i]) { matchedB[j] = matchedA[i] = true; matches++; break; }
            }
        }
        if (matches == 0) return 0.0;
        int transpositions = 0, k = 0;
        for (int i = 0; i < a.Length; i++)
        {
            if (!matchedA[i]) continue;
            while (!matchedB[k]) k++;
            if (a[i] != b[k]) transpositions++;
            k++;
        }
        return Combine(a.Length, b.Length, matches, transpositions / 2);
    }

    private static double Combine(int lengthA, int lengthB, int matches, int halfTranspositions)
    {
        double m = matches;
        return (m / lengthA + m / lengthB + (m - halfTranspositions) / m) / 3.0;
    }
}
