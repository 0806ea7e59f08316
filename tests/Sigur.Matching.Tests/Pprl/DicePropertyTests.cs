using CsCheck;
using Sigur.Matching.Pprl;
using Xunit;

namespace Sigur.Matching.Tests.Pprl;

public sealed class DicePropertyTests
{
    private static readonly Gen<byte[]> Filter = Gen.Byte.Array[128];
    private static readonly int[] FilterBytes = [8, 64, 128, 136, 256];

    [Fact]
    public void Dice_is_symmetric_and_between_0_and_1()
    {
        Gen.Select(Filter, Filter).Sample((a, b) =>
        {
            var ab = Dice.Score(a, b);
            Assert.Equal(ab, Dice.Score(b, a));
            Assert.InRange(ab, 0.0, 1.0);
        });
    }

    [Fact]
    public void A_filter_is_identical_to_itself_unless_empty()
    {
        Filter.Sample(a => Assert.Equal(a.Any(b => b != 0) ? 1.0 : 0.0, Dice.Score(a, a)));
    }

    /// <summary>A random data set: each party holds noisy copies of shared base filters plus unrelated ones, with varied densities.</summary>
    private static readonly Gen<(List<byte[]> A, List<byte[]> B, double Threshold, int Bytes)> Parties =
        Gen.Select(Gen.Int[0, int.MaxValue], Gen.Int[0, 40], Gen.Int[0, 40], Gen.Double[0.3, 1.0], Gen.Int[0, 4].Select(i => FilterBytes[i]))
            .Select((seed, countA, countB, threshold, bytes) =>
            {
                var random = new Random(seed);
                var bases = Enumerable.Range(0, 12).Select(_ => RandomFilter(random, bytes)).ToList();
                List<byte[]> Party(int count) => Enumerable.Range(0, count)
                    .Select(_ => random.Next(3) == 0 ? RandomFilter(random, bytes) : Mutate(random, bases[random.Next(bases.Count)]))
                    .ToList();
                // Round the threshold to two decimals so that exact ties with the kernel's cut-off occur.
                return (Party(countA), Party(countB), Math.Round(threshold, 2), bytes);
            });

    private static byte[] RandomFilter(Random random, int bytes)
    {
        var filter = new byte[bytes];
        var density = random.NextDouble();
        for (var bit = 0; bit < bytes * 8; bit++)
            if (random.NextDouble() < density)
                filter[bit / 8] |= (byte)(1 << (bit % 8));
        return filter;
    }

    private static byte[] Mutate(Random random, byte[] source)
    {
        var copy = (byte[])source.Clone();
        var flips = random.Next(0, 1 + copy.Length);
        for (var i = 0; i < flips; i++)
        {
            var bit = random.Next(copy.Length * 8);
            copy[bit / 8] ^= (byte)(1 << (bit % 8));
        }
        return copy;
    }

    private static HashSet<CandidatePair> Naive(List<byte[]> a, List<byte[]> b, double threshold)
    {
        var pairs = new HashSet<CandidatePair>();
        for (var i = 0; i < a.Count; i++)
            for (var j = 0; j < b.Count; j++)
            {
                var score = Dice.Score(a[i], b[j]);
                if (score >= threshold)
                    pairs.Add(new CandidatePair(i, j, score));
            }
        return pairs;
    }

    /// <summary>
    /// Both AVX-512 kernels on CPUs that have it (these machines do); elsewhere Auto, which is then
    /// the portable kernel. 2048-bit filters (256 bytes) exercise the bit-sliced kernel's top planes.
    /// </summary>
    [Fact]
    public void Simd_kernels_find_exactly_the_pairs_a_plain_popcount_finds()
    {
        DiceKernel[] kernels = System.Runtime.Intrinsics.X86.Avx512BW.IsSupported ? [DiceKernel.Avx512, DiceKernel.Avx512BitSliced, DiceKernel.Auto] : [DiceKernel.Auto];
        Parties.Sample(p =>
        {
            using var index = new DiceIndex(ClkSet.FromBytes(p.B, p.Bytes));
            var expected = Naive(p.A, p.B, p.Threshold);
            foreach (var kernel in kernels)
            {
                var found = index.FindCandidates(ClkSet.FromBytes(p.A, p.Bytes), p.Threshold, kernel, cancellationToken: TestContext.Current.CancellationToken);
                Assert.Equal(kernel == DiceKernel.Auto ? index.BestKernel : kernel, found.Kernel);
                Assert.True(expected.SetEquals(found.Pairs), $"{kernel} differs from the plain popcount");
                Assert.Equal(found.Pairs.Length, found.Pairs.Distinct().Count());
            }
        });
    }

    [Fact]
    public void Bit_sliced_kernel_handles_blocks_beyond_the_first_512_filters()
    {
        var random = new Random(7);
        var b = Enumerable.Range(0, 1300).Select(_ => RandomFilter(random, 128)).ToList();
        var a = b.Where((_, i) => i % 97 == 0).Select(f => Mutate(random, f)).Concat([RandomFilter(random, 128)]).ToList();
        using var index = new DiceIndex(ClkSet.FromBytes(b, 128));
        var kernel = System.Runtime.Intrinsics.X86.Avx512BW.IsSupported ? DiceKernel.Avx512BitSliced : DiceKernel.Portable;
        var found = index.FindCandidates(ClkSet.FromBytes(a, 128), 0.75, kernel, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(Naive(a, b, 0.75).SetEquals(found.Pairs));
        Assert.NotEmpty(found.Pairs);
    }

    [Fact]
    public void Portable_kernel_finds_exactly_the_pairs_a_plain_popcount_finds()
    {
        Parties.Sample(p =>
        {
            using var index = new DiceIndex(ClkSet.FromBytes(p.B, p.Bytes));
            var found = index.FindCandidates(ClkSet.FromBytes(p.A, p.Bytes), p.Threshold, DiceKernel.Portable, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(Naive(p.A, p.B, p.Threshold).SetEquals(found.Pairs));
        });
    }

    [Fact]
    public void Greedy_solution_is_one_to_one_and_maximal()
    {
        Parties.Sample(p =>
        {
            var candidates = Naive(p.A, p.B, p.Threshold).ToList();
            var links = GreedyMatching.Solve(candidates);
            Assert.Equal(links.Count, links.Select(l => l.IndexA).Distinct().Count());
            Assert.Equal(links.Count, links.Select(l => l.IndexB).Distinct().Count());
            // Every candidate left out lost to an accepted pair on one of its records with at least its score.
            foreach (var c in candidates.Except(links))
                Assert.Contains(links, l => (l.IndexA == c.IndexA || l.IndexB == c.IndexB) && l.Score >= c.Score);
        });
    }

    [Fact]
    public void Greedy_breaks_ties_by_lower_index_in_a_then_b()
    {
        var links = GreedyMatching.Solve([new(1, 0, 0.9), new(0, 1, 0.9), new(0, 0, 0.9)]);
        Assert.Equal([new CandidatePair(0, 0, 0.9)], links);
    }

    [Fact]
    public void Popcount_bounds_never_exclude_a_pair_that_reaches_the_threshold()
    {
        Gen.Select(Gen.Int[0, 1024], Gen.Int[0, 1024], Gen.Double[0.01, 1.0]).Sample((a, b, t) =>
        {
            var best = Dice.FromCounts(Math.Min(a, b), a, b);
            var (low, high) = Dice.CompatibleCounts(a, t);
            if (best >= t)
                Assert.InRange(b, low, high);
        });
    }

    [Fact]
    public void Filters_of_different_lengths_are_refused()
    {
        using var index = new DiceIndex(ClkSet.FromBytes([new byte[128]], 128));
        Assert.Throws<ArgumentException>(() => index.FindCandidates(ClkSet.FromBytes([new byte[64]], 64), 0.8, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.FindCandidates(ClkSet.FromBytes([new byte[128]], 128), 1.5, cancellationToken: TestContext.Current.CancellationToken));
    }
}
