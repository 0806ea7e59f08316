using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sigur.Matching.Pprl;

/// <summary>Which popcount kernel compares filters.</summary>
public enum DiceKernel
{
    /// <summary>The fastest one this CPU supports.</summary>
    Auto,
    /// <summary>BitOperations.PopCount per word (the POPCNT instruction where present); runs anywhere.</summary>
    Portable,
    /// <summary>AVX-512BW: 8 filters per register, Harley–Seal carry-save adders, nibble-table popcount.</summary>
    Avx512,
    /// <summary>
    /// AVX-512, bit-sliced: 512 filters transposed so that one register holds one bit position of all
    /// of them; a query adds up the registers at its own set bits in carry-save counters. About 3
    /// vector operations per set bit per 512 comparisons — the fastest where it applies (≤ 2048 bits).
    /// </summary>
    Avx512BitSliced,
}

/// <summary>What a candidate search found and how much work it did.</summary>
/// <param name="Pairs">Every pair with Dice ≥ threshold, in no particular order.</param>
/// <param name="ComparisonsComputed">Pairs actually scored; the rest were excluded by popcount bounds.</param>
public sealed record DiceCandidates(CandidatePair[] Pairs, long ComparisonsNominal, long ComparisonsComputed, DiceKernel Kernel);

/// <summary>
/// Party B's CLKs laid out for fast all-pairs Dice: sorted by bit count (so popcount bounds select a
/// contiguous range), grouped into blocks of 8 filters stored word-major ("structure of arrays":
/// word w of the 8 filters sits in one 512-bit register), padded to whole 1024-bit chunks.
/// Queries from party A are processed in popcount order, B in cache-sized tiles, both cores busy.
/// </summary>
public sealed unsafe partial class DiceIndex : IDisposable
{
    private const int Lanes = 8;
    private const int ChunkWords = 16;
    private const int QueriesPerTask = 64;
    private const int TileBlocks = 64; // 64 blocks × 8 filters × 128 B = 64 KiB of B per tile: stays in L2 while a task's queries pass over it
    private const int ApproxShift = 20; // fixed-point scale of the vector threshold pre-check

    private readonly int _count;
    private readonly int _bytesPerClk;
    private readonly int _wordsPerClk;
    private readonly int _paddedWords;
    private readonly int _blocks;
    private readonly int[] _sortedToOriginal;
    private readonly int[] _sortedCounts;
    private readonly ClkSet _source;
    private readonly object _layoutGate = new();
    private ulong* _soa; // 64-byte aligned native memory, built on first use: Vector512 loads never split cache lines
    private ulong[] _laneCounts = [];
    private bool _disposed;

    public DiceIndex(ClkSet b)
    {
        _count = b.Count;
        _bytesPerClk = b.BytesPerClk;
        _wordsPerClk = b.WordsPerClk;
        _paddedWords = (b.WordsPerClk + ChunkWords - 1) / ChunkWords * ChunkWords;
        _blocks = (b.Count + Lanes - 1) / Lanes;

        // Sort by (bit count, index): unique keys make the order deterministic.
        var keys = new long[b.Count];
        _sortedToOriginal = new int[b.Count];
        for (var i = 0; i < b.Count; i++)
        {
            keys[i] = ((long)b.BitCounts[i] << 32) | (uint)i;
            _sortedToOriginal[i] = i;
        }
        Array.Sort(keys, _sortedToOriginal);
        _sortedCounts = _sortedToOriginal.Select(i => b.BitCounts[i]).ToArray();

        _source = b;
    }

    /// <summary>Builds the 8-filter blocks for the Avx512 and Portable kernels.</summary>
    private void EnsureBlocks()
    {
        lock (_layoutGate)
        {
            if (_soa != null)
                return;
            var length = (nuint)Math.Max(1, _blocks) * (nuint)_paddedWords * Lanes;
            var soa = (ulong*)NativeMemory.AlignedAlloc(length * sizeof(ulong), 64);
            new Span<ulong>(soa, checked((int)length)).Clear();
            var laneCounts = new ulong[Math.Max(1, _blocks) * Lanes];
            for (var s = 0; s < _count; s++)
            {
                int block = s / Lanes, lane = s % Lanes;
                var filter = _source.Filter(_sortedToOriginal[s]);
                var blockBase = soa + (nuint)block * (nuint)_paddedWords * Lanes;
                for (var w = 0; w < _wordsPerClk; w++)
                    blockBase[w * Lanes + lane] = filter[w];
                laneCounts[s] = (ulong)_sortedCounts[s];
            }
            _laneCounts = laneCounts;
            _soa = soa;
        }
    }

    public int Count => _count;

    /// <summary>The kernel <see cref="DiceKernel.Auto"/> picks for these filters on this CPU.</summary>
    public DiceKernel BestKernel => !Avx512BW.IsSupported ? DiceKernel.Portable
        : _paddedWords <= MaxBitSlicedWords ? DiceKernel.Avx512BitSliced
        : DiceKernel.Avx512;

    /// <summary>All pairs (a in <paramref name="queries"/>, b in this index) with Dice ≥ <paramref name="threshold"/>.</summary>
    /// <param name="progress">Receives the number of queries finished, in increments, from worker threads.</param>
    public DiceCandidates FindCandidates(ClkSet queries, double threshold, DiceKernel kernel = DiceKernel.Auto,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (queries.BytesPerClk != _bytesPerClk)
            throw new ArgumentException($"CLKs of different lengths: {queries.BytesPerClk} and {_bytesPerClk} bytes");
        if (double.IsNaN(threshold) || threshold < 0 || threshold > 1)
            throw new ArgumentOutOfRangeException(nameof(threshold), "the threshold must lie in [0, 1]");
        if (kernel == DiceKernel.Auto)
            kernel = BestKernel;
        if (kernel is DiceKernel.Avx512 or DiceKernel.Avx512BitSliced && !Avx512BW.IsSupported)
            throw new PlatformNotSupportedException("this CPU has no AVX-512BW");
        if (kernel == DiceKernel.Avx512BitSliced && _paddedWords > MaxBitSlicedWords)
            throw new NotSupportedException($"the bit-sliced kernel handles CLKs of up to {MaxBitSlicedWords * 64} bits");
        if (kernel == DiceKernel.Avx512BitSliced)
            EnsureSlices();
        else
            EnsureBlocks();

        // Queries in popcount order, so that neighbouring queries want the same range of B.
        var queryOrder = Enumerable.Range(0, queries.Count).OrderBy(i => queries.BitCounts[i]).ThenBy(i => i).ToArray();
        var queryWords = new ulong[(long)queries.Count * _paddedWords];
        for (var q = 0; q < queryOrder.Length; q++)
            queries.Filter(queryOrder[q]).CopyTo(queryWords.AsSpan(q * _paddedWords));

        // Superset pre-check in fixed point: 2c/(a+b) ≥ t implies c·2^(k+1) ≥ ⌊t·2^k⌋·(a+b); one below the floor absorbs rounding.
        var scaledThreshold = (ulong)Math.Max(0, Math.Floor(threshold * (1 << ApproxShift)) - 1);
        var scaledLaneCounts = _laneCounts.Select(c => c * scaledThreshold).ToArray();

        var tasks = (queries.Count + QueriesPerTask - 1) / QueriesPerTask;
        var all = new List<CandidatePair>();
        long computed = 0;
        var context = new SearchContext(queries, queryOrder, queryWords, threshold, scaledThreshold, scaledLaneCounts, kernel);
        Parallel.For(0, tasks,
            new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => (Pairs: new List<CandidatePair>(), Computed: 0L),
            (task, _, local) =>
            {
                local.Computed += kernel == DiceKernel.Avx512BitSliced
                    ? SearchTaskBitSliced(context, task, local.Pairs)
                    : SearchTask(context, task, local.Pairs);
                progress?.Report(Math.Min(QueriesPerTask, queries.Count - task * QueriesPerTask));
                return local;
            },
            local =>
            {
                lock (all)
                {
                    all.AddRange(local.Pairs);
                    computed += local.Computed;
                }
            });
        return new DiceCandidates([.. all], (long)queries.Count * _count, computed, kernel);
    }

    private sealed record SearchContext(
        ClkSet Queries, int[] QueryOrder, ulong[] QueryWords, double Threshold, ulong ScaledThreshold, ulong[] ScaledLaneCounts, DiceKernel Kernel);

    private long SearchTask(SearchContext context, int task, List<CandidatePair> pairs)
    {
        var first = task * QueriesPerTask;
        var last = Math.Min(first + QueriesPerTask, context.QueryOrder.Length);
        Span<int> blockStart = stackalloc int[QueriesPerTask];
        Span<int> blockEnd = stackalloc int[QueriesPerTask];
        int taskStart = int.MaxValue, taskEnd = 0;
        for (var q = first; q < last; q++)
        {
            var count = context.Queries.BitCounts[context.QueryOrder[q]];
            var (start, end) = CompatibleBlocks(count, context.Threshold);
            blockStart[q - first] = start;
            blockEnd[q - first] = end;
            taskStart = Math.Min(taskStart, start);
            taskEnd = Math.Max(taskEnd, end);
        }

        long computed = 0;
        fixed (ulong* queryWords = context.QueryWords)
        fixed (ulong* scaledLaneCounts = context.ScaledLaneCounts)
        {
            // Tile over B so each tile is read from memory once per task, not once per query.
            for (var tile = taskStart; tile < taskEnd; tile += TileBlocks)
            {
                var tileEnd = Math.Min(tile + TileBlocks, taskEnd);
                for (var q = first; q < last; q++)
                {
                    var start = Math.Max(blockStart[q - first], tile);
                    var end = Math.Min(blockEnd[q - first], tileEnd);
                    if (start >= end)
                        continue;
                    computed += (long)(end - start) * Lanes;
                    var query = new Query(
                        context.QueryOrder[q],
                        context.Queries.BitCounts[context.QueryOrder[q]],
                        queryWords + (nuint)q * (nuint)_paddedWords);
                    if (context.Kernel == DiceKernel.Avx512)
                        ScanAvx512(query, start, end, context.Threshold, context.ScaledThreshold, scaledLaneCounts, pairs);
                    else
                        ScanPortable(query, start, end, context.Threshold, pairs);
                }
            }
        }
        return computed;
    }

    private readonly struct Query(int originalIndex, int bitCount, ulong* words)
    {
        public int OriginalIndex { get; } = originalIndex;
        public int BitCount { get; } = bitCount;
        public ulong* Words { get; } = words;
    }

    /// <summary>The blocks of B whose bit counts can reach the threshold against a filter with <paramref name="count"/> bits.</summary>
    private (int Start, int End) CompatibleBlocks(int count, double threshold)
    {
        if (_count == 0 || (threshold > 0 && count == 0))
            return (0, 0);
        var (low, high) = Dice.CompatibleCounts(count, threshold);
        var first = LowerBound(_sortedCounts, low);
        var afterLast = LowerBound(_sortedCounts, high == int.MaxValue ? int.MaxValue : high + 1);
        if (first >= afterLast)
            return (0, 0);
        return (first / Lanes, (afterLast + Lanes - 1) / Lanes);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }

    private void ScanPortable(Query query, int start, int end, double threshold, List<CandidatePair> pairs)
    {
        Span<int> common = stackalloc int[Lanes];
        for (var block = start; block < end; block++)
        {
            common.Clear();
            var blockBase = _soa + (nuint)block * (nuint)_paddedWords * Lanes;
            for (var w = 0; w < _wordsPerClk; w++)
            {
                var a = query.Words[w];
                var row = blockBase + w * Lanes;
                for (var lane = 0; lane < Lanes; lane++)
                    common[lane] += BitOperations.PopCount(a & row[lane]);
            }
            for (var lane = 0; lane < Lanes; lane++)
                Accept(query, block * Lanes + lane, common[lane], threshold, pairs);
        }
    }

    private void ScanAvx512(Query query, int start, int end, double threshold, ulong scaledThreshold, ulong* scaledLaneCounts, List<CandidatePair> pairs)
    {
        var scaledQuery = Vector512.Create((ulong)query.BitCount * scaledThreshold);
        var chunks = _paddedWords / ChunkWords;
        for (var block = start; block < end; block++)
        {
            var blockBase = _soa + (nuint)block * (nuint)_paddedWords * Lanes;
            var common = Vector512<ulong>.Zero;
            for (var chunk = 0; chunk < chunks; chunk++)
                common += CommonBits1024(query.Words + chunk * ChunkWords, blockBase + chunk * ChunkWords * Lanes);

            // Most blocks have no candidate: one vector comparison rules all 8 lanes out.
            var scaledSums = scaledQuery + Vector512.Load(scaledLaneCounts + block * Lanes);
            var maybe = Vector512.GreaterThanOrEqual(common << (ApproxShift + 1), scaledSums).ExtractMostSignificantBits();
            while (maybe != 0)
            {
                var lane = BitOperations.TrailingZeroCount(maybe);
                maybe &= maybe - 1;
                Accept(query, block * Lanes + lane, (int)common.GetElement(lane), threshold, pairs);
            }
        }
    }

    private void Accept(Query query, int sortedIndex, int common, double threshold, List<CandidatePair> pairs)
    {
        if (sortedIndex >= _count)
            return; // padding lane of the last block
        var score = Dice.FromCounts(common, query.BitCount, _sortedCounts[sortedIndex]);
        if (score >= threshold)
            pairs.Add(new CandidatePair(query.OriginalIndex, _sortedToOriginal[sortedIndex], score));
    }

    /// <summary>
    /// |a ∧ b| for one 1024-bit chunk of a query against the same chunk of 8 filters. Instead of
    /// 16 popcounts, Harley–Seal carry-save adders (two VPTERNLOGQ each) compress the 16 AND-ed
    /// words into 5 vectors of weights 1, 2, 4, 8, 16, which are popcounted by nibble table lookup
    /// (this CPU has VPOPCNTQ, but .NET 10 does not expose it).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> CommonBits1024(ulong* a, ulong* b)
    {
        var x0 = Vector512.Load(b + 0 * Lanes) & Vector512.Create(a[0]);
        var x1 = Vector512.Load(b + 1 * Lanes) & Vector512.Create(a[1]);
        var x2 = Vector512.Load(b + 2 * Lanes) & Vector512.Create(a[2]);
        var x3 = Vector512.Load(b + 3 * Lanes) & Vector512.Create(a[3]);
        // Two's from pairs, four's from pairs of two's, and so on.
        var ones = x0 ^ x1;
        var twosA = x0 & x1;
        Csa(ones, x2, x3, out var twosB, out ones);
        var twos = twosA ^ twosB;
        var foursA = twosA & twosB;

        var x4 = Vector512.Load(b + 4 * Lanes) & Vector512.Create(a[4]);
        var x5 = Vector512.Load(b + 5 * Lanes) & Vector512.Create(a[5]);
        var x6 = Vector512.Load(b + 6 * Lanes) & Vector512.Create(a[6]);
        var x7 = Vector512.Load(b + 7 * Lanes) & Vector512.Create(a[7]);
        Csa(ones, x4, x5, out twosA, out ones);
        Csa(ones, x6, x7, out twosB, out ones);
        Csa(twos, twosA, twosB, out var foursB, out twos);
        var fours = foursA ^ foursB;
        var eightsA = foursA & foursB;

        var x8 = Vector512.Load(b + 8 * Lanes) & Vector512.Create(a[8]);
        var x9 = Vector512.Load(b + 9 * Lanes) & Vector512.Create(a[9]);
        var x10 = Vector512.Load(b + 10 * Lanes) & Vector512.Create(a[10]);
        var x11 = Vector512.Load(b + 11 * Lanes) & Vector512.Create(a[11]);
        Csa(ones, x8, x9, out twosA, out ones);
        Csa(ones, x10, x11, out twosB, out ones);
        Csa(twos, twosA, twosB, out foursA, out twos);

        var x12 = Vector512.Load(b + 12 * Lanes) & Vector512.Create(a[12]);
        var x13 = Vector512.Load(b + 13 * Lanes) & Vector512.Create(a[13]);
        var x14 = Vector512.Load(b + 14 * Lanes) & Vector512.Create(a[14]);
        var x15 = Vector512.Load(b + 15 * Lanes) & Vector512.Create(a[15]);
        Csa(ones, x12, x13, out twosA, out ones);
        Csa(ones, x14, x15, out twosB, out ones);
        Csa(twos, twosA, twosB, out foursB, out twos);
        Csa(fours, foursA, foursB, out var eightsB, out fours);
        var eights = eightsA ^ eightsB;
        var sixteens = eightsA & eightsB;

        // Per byte at most 8·(16+8+4+2+1) = 248, so the weighted sum fits a byte before the horizontal add.
        var sum = ByteCounts(sixteens);
        sum = sum + sum + ByteCounts(eights);
        sum = sum + sum + ByteCounts(fours);
        sum = sum + sum + ByteCounts(twos);
        sum = sum + sum + ByteCounts(ones);
        return Avx512BW.SumAbsoluteDifferences(sum, Vector512<byte>.Zero).AsUInt64();
    }

    /// <summary>Carry-save adder: a + b + c = 2·high + low, bitwise.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Csa(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, out Vector512<ulong> high, out Vector512<ulong> low)
    {
        high = Avx512F.TernaryLogic(a, b, c, 0xE8); // majority
        low = Avx512F.TernaryLogic(a, b, c, 0x96);  // three-way xor
    }

    /// <summary>Bit count of every byte, by looking both nibbles up in a 16-entry table (VPSHUFB).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> ByteCounts(Vector512<ulong> v)
    {
        var nibbleCounts = Vector512.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
            0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
            0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
            0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
        var lowNibble = Vector512.Create((byte)0x0F);
        var low = v.AsByte() & lowNibble;
        var high = (v >>> 4).AsByte() & lowNibble;
        return Avx512BW.Shuffle(nibbleCounts, low) + Avx512BW.Shuffle(nibbleCounts, high);
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        FreeLayouts();
        GC.SuppressFinalize(this);
    }

    ~DiceIndex()
    {
        if (!_disposed)
            FreeLayouts();
    }

    private void FreeLayouts()
    {
        if (_soa != null)
            NativeMemory.AlignedFree(_soa);
        if (_slices != null)
            NativeMemory.AlignedFree(_slices);
        _soa = null;
        _slices = null;
    }
}
