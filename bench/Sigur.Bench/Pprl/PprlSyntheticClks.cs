using Sigur.Matching.Pprl;

namespace Sigur.Bench.Pprl;

/// <summary>Random-ish CLKs for speed runs: each filter has its own bit density, so popcounts spread the way real CLKs do.</summary>
internal static class PprlSyntheticClks
{
    /// <param name="minDensity">Lowest fraction of bits set.</param>
    /// <param name="maxDensity">Highest fraction of bits set; equal to <paramref name="minDensity"/> gives near-equal popcounts (no pruning possible).</param>
    public static ClkSet Generate(int count, int bytes, double minDensity, double maxDensity, int seed)
    {
        var random = new Random(seed);
        var clks = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var density = minDensity + random.NextDouble() * (maxDensity - minDensity);
            var clk = new byte[bytes];
            for (var bit = 0; bit < bytes * 8; bit++)
                if (random.NextDouble() < density)
                    clk[bit >> 3] |= (byte)(1 << (bit & 7));
            clks.Add(clk);
        }
        return ClkSet.FromBytes(clks, bytes);
    }
}
