using System.Numerics;

namespace Sigur.Matching.Pprl;

/// <summary>
/// The Dice coefficient of two Bloom filters, 2·|A∧B| / (|A| + |B|), defined as 0 when both are
/// empty (as anonlink does). This is the plain reference that the SIMD kernel is tested against.
/// </summary>
public static class Dice
{
    public static double Score(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
            throw new ArgumentException("CLKs of different lengths cannot be compared");
        int common = 0, countA = 0, countB = 0;
        for (var i = 0; i < a.Length; i++)
        {
            common += BitOperations.PopCount((uint)(a[i] & b[i]));
            countA += BitOperations.PopCount(a[i]);
            countB += BitOperations.PopCount(b[i]);
        }
        return FromCounts(common, countA, countB);
    }

    /// <summary>The score from bit counts, computed exactly as everywhere else in the matcher so that thresholds agree.</summary>
    public static double FromCounts(int common, int countA, int countB) =>
        countA + countB == 0 ? 0.0 : 2.0 * common / (countA + countB);

    /// <summary>
    /// Popcount bounds: Dice ≤ 2·min(a,b)/(a+b), so a filter with <paramref name="count"/> bits can
    /// only reach <paramref name="threshold"/> against filters whose bit count lies in the returned
    /// range. The bounds are widened by one so that rounding can never exclude a true candidate.
    /// </summary>
    public static (int Low, int High) CompatibleCounts(int count, double threshold)
    {
        if (threshold <= 0)
            return (0, int.MaxValue);
        var low = (int)Math.Ceiling(count * threshold / (2 - threshold)) - 1;
        var high = (long)Math.Floor(count * (2 - threshold) / threshold) + 1;
        return (Math.Max(low, 0), (int)Math.Min(high, int.MaxValue));
    }
}
