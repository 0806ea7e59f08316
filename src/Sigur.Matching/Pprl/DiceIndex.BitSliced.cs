using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sigur.Matching.Pprl;

/// <summary>
/// The bit-sliced kernel. Comparing a query against 8 filters at a time costs ~11 vector
/// operations per comparison, because every AND-ed word must be popcounted. Turned sideways the
/// popcounts disappear: store 512 filters as one 512-bit "slice" per bit position (bit j of slice i
/// is bit i of filter j); then |a ∧ b_j| for all 512 j is the number of slices, among those at the
/// query's set bits, that have bit j set — a column sum, which Harley–Seal carry-save adders
/// compute in binary (one bit plane per register) with ~3 operations per set bit of the query.
/// </summary>
public sealed unsafe partial class DiceIndex
{
    private const int SliceLanes = 512;
    private const int SliceWords = SliceLanes / 64;
    private const int SlicesPerTile = 4;        // 4 blocks × 1025 slices × 64 B ≈ 260 KiB: a tile stays in L2 while a task's queries pass over it
    private const int MaxBitSlicedWords = 32;   // 2048 bits: the counters below have planes up to 2^11
    private const int InputsPerRound = 16;

    private ulong* _slices;
    private int _sliceBlocks;
    private int _slicesPerBlock;   // bit positions + one all-zero slice that pads a query's bit list to a multiple of 16
    private int[] _sliceBlockMinCount = [];

    private void EnsureSlices()
    {
        lock (_layoutGate)
        {
            if (_slices != null)
                return;
            var bits = _paddedWords * 64;
            var blocks = Math.Max(1, (_count + SliceLanes - 1) / SliceLanes);
            var perBlock = bits + 1;
            var length = (nuint)blocks * (nuint)perBlock * SliceWords;
            var slices = (ulong*)NativeMemory.AlignedAlloc(length * sizeof(ulong), 64);
            NativeMemory.Clear(slices, length * sizeof(ulong));
            var minCounts = new int[blocks];
            for (var s = 0; s < _count; s++)
            {
                int block = s / SliceLanes, lane = s % SliceLanes;
                if (lane == 0)
                    minCounts[block] = _sortedCounts[s]; // sorted ascending: the first lane has the fewest bits
                var filter = _source.Filter(_sortedToOriginal[s]);
                var blockBase = slices + (nuint)block * (nuint)perBlock * SliceWords;
                var laneWord = lane >> 6;
                var laneBit = 1UL << (lane & 63);
                for (var w = 0; w < filter.Length; w++)
                {
                    var word = filter[w];
                    while (word != 0)
                    {
                        var bit = w * 64 + BitOperations.TrailingZeroCount(word);
                        word &= word - 1;
                        blockBase[bit * SliceWords + laneWord] |= laneBit;
                    }
                }
            }
            _sliceBlocks = blocks;
            _slicesPerBlock = perBlock;
            _sliceBlockMinCount = minCounts;
            _slices = slices;
        }
    }

    private long SearchTaskBitSliced(SearchContext context, int task, List<CandidatePair> pairs)
    {
        var first = task * QueriesPerTask;
        var last = Math.Min(first + QueriesPerTask, context.QueryOrder.Length);
        var zeroSlice = _slicesPerBlock - 1;
        var stride = zeroSlice + InputsPerRound;
        var setBits = ArrayPool<int>.Shared.Rent(QueriesPerTask * stride);
        Span<int> setBitCount = stackalloc int[QueriesPerTask];
        Span<int> blockStart = stackalloc int[QueriesPerTask];
        Span<int> blockEnd = stackalloc int[QueriesPerTask];
        int taskStart = int.MaxValue, taskEnd = 0;
        try
        {
            // Each query's set bits, padded with the zero slice to whole rounds of 16.
            for (var q = first; q < last; q++)
            {
                var words = context.QueryWords.AsSpan((q) * _paddedWords, _paddedWords);
                var list = setBits.AsSpan((q - first) * stride, stride);
                var n = 0;
                for (var w = 0; w < words.Length; w++)
                {
                    var word = words[w];
                    while (word != 0)
                    {
                        list[n++] = w * 64 + BitOperations.TrailingZeroCount(word);
                        word &= word - 1;
                    }
                }
                while (n % InputsPerRound != 0)
                    list[n++] = zeroSlice;
                setBitCount[q - first] = n;

                var (start, end) = CompatibleSliceBlocks(context.Queries.BitCounts[context.QueryOrder[q]], context.Threshold);
                blockStart[q - first] = start;
                blockEnd[q - first] = end;
                taskStart = Math.Min(taskStart, start);
                taskEnd = Math.Max(taskEnd, end);
            }

            long computed = 0;
            fixed (int* bitLists = setBits)
            {
                for (var tile = taskStart; tile < taskEnd; tile += SlicesPerTile)
                {
                    var tileEnd = Math.Min(tile + SlicesPerTile, taskEnd);
                    for (var q = first; q < last; q++)
                    {
                        var start = Math.Max(blockStart[q - first], tile);
                        var end = Math.Min(blockEnd[q - first], tileEnd);
                        var original = context.QueryOrder[q];
                        var count = context.Queries.BitCounts[original];
                        for (var block = start; block < end; block++)
                        {
                            computed += SliceLanes;
                            ScanSlices(original, count, bitLists + (q - first) * stride, setBitCount[q - first], block, context.Threshold, pairs);
                        }
                    }
                }
            }
            return computed;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(setBits);
        }
    }

    private (int Start, int End) CompatibleSliceBlocks(int count, double threshold)
    {
        if (_count == 0 || (threshold > 0 && count == 0))
            return (0, 0);
        var (low, high) = Dice.CompatibleCounts(count, threshold);
        var first = LowerBound(_sortedCounts, low);
        var afterLast = LowerBound(_sortedCounts, high == int.MaxValue ? int.MaxValue : high + 1);
        if (first >= afterLast)
            return (0, 0);
        return (first / SliceLanes, (afterLast + SliceLanes - 1) / SliceLanes);
    }

    /// <summary>Counts |a ∧ b_j| for the 512 filters of one block and accepts those reaching the threshold.</summary>
    private void ScanSlices(int queryIndex, int queryCount, int* setBits, int inputs, int block, double threshold, List<CandidatePair> pairs)
    {
        // No lane can pass unless it has at least this many common bits (the block's sparsest filter
        // needs the fewest); one below the floor so that rounding never loses a pair.
        var minimum = Math.Max(0, (int)Math.Floor(threshold * (queryCount + _sliceBlockMinCount[block]) / 2.0) - 1);
        if (minimum > queryCount)
            return;

        var slices = _slices + (nuint)block * (nuint)_slicesPerBlock * SliceWords;
        Vector512<ulong> ones = default, twos = default, fours = default, eights = default;
        Vector512<ulong> s0 = default, s1 = default, s2 = default, s3 = default, s4 = default, s5 = default, s6 = default, s7 = default;
        for (var k = 0; k < inputs; k += InputsPerRound)
        {
            var bits = setBits + k;
            // One Harley–Seal round: 16 slices into the running ones/twos/fours/eights, emitting sixteens.
            Csa(ones, Slice(slices, bits[0]), Slice(slices, bits[1]), out var twosA, out ones);
            Csa(ones, Slice(slices, bits[2]), Slice(slices, bits[3]), out var twosB, out ones);
            Csa(twos, twosA, twosB, out var foursA, out twos);
            Csa(ones, Slice(slices, bits[4]), Slice(slices, bits[5]), out twosA, out ones);
            Csa(ones, Slice(slices, bits[6]), Slice(slices, bits[7]), out twosB, out ones);
            Csa(twos, twosA, twosB, out var foursB, out twos);
            Csa(fours, foursA, foursB, out var eightsA, out fours);
            Csa(ones, Slice(slices, bits[8]), Slice(slices, bits[9]), out twosA, out ones);
            Csa(ones, Slice(slices, bits[10]), Slice(slices, bits[11]), out twosB, out ones);
            Csa(twos, twosA, twosB, out foursA, out twos);
            Csa(ones, Slice(slices, bits[12]), Slice(slices, bits[13]), out twosA, out ones);
            Csa(ones, Slice(slices, bits[14]), Slice(slices, bits[15]), out twosB, out ones);
            Csa(twos, twosA, twosB, out foursB, out twos);
            Csa(fours, foursA, foursB, out var eightsB, out fours);
            Csa(eights, eightsA, eightsB, out var sixteens, out eights);

            // Ripple the sixteens into the binary counter of rounds (planes of weight 16, 32, …, 2048).
            var carry = sixteens;
            var next = s0 & carry; s0 ^= carry; carry = next;
            next = s1 & carry; s1 ^= carry; carry = next;
            next = s2 & carry; s2 ^= carry; carry = next;
            next = s3 & carry; s3 ^= carry; carry = next;
            next = s4 & carry; s4 ^= carry; carry = next;
            next = s5 & carry; s5 ^= carry; carry = next;
            next = s6 & carry; s6 ^= carry; carry = next;
            s7 ^= carry;
        }

        // ones, twos, fours, eights are single bits and the rest count whole sixteens, so the planes
        // are the common-bit count in plain binary, least significant first. "count ≥ minimum" is
        // decided plane by plane from the most significant down (written out so that the planes stay
        // in registers through the loop above instead of being stored on every round).
        var greater = Vector512<ulong>.Zero;
        var equal = Vector512<ulong>.AllBitsSet;
        CompareStep(ref greater, ref equal, s7, minimum, 11);
        CompareStep(ref greater, ref equal, s6, minimum, 10);
        CompareStep(ref greater, ref equal, s5, minimum, 9);
        CompareStep(ref greater, ref equal, s4, minimum, 8);
        CompareStep(ref greater, ref equal, s3, minimum, 7);
        CompareStep(ref greater, ref equal, s2, minimum, 6);
        CompareStep(ref greater, ref equal, s1, minimum, 5);
        CompareStep(ref greater, ref equal, s0, minimum, 4);
        CompareStep(ref greater, ref equal, eights, minimum, 3);
        CompareStep(ref greater, ref equal, fours, minimum, 2);
        CompareStep(ref greater, ref equal, twos, minimum, 1);
        CompareStep(ref greater, ref equal, ones, minimum, 0);
        var candidates = greater | equal;
        if (candidates == Vector512<ulong>.Zero)
            return;

        PlaneSet planes = default;
        planes[0] = ones;
        planes[1] = twos;
        planes[2] = fours;
        planes[3] = eights;
        planes[4] = s0;
        planes[5] = s1;
        planes[6] = s2;
        planes[7] = s3;
        planes[8] = s4;
        planes[9] = s5;
        planes[10] = s6;
        planes[11] = s7;
        AcceptFlagged(candidates, ref planes, queryIndex, queryCount, block, threshold, pairs);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CompareStep(ref Vector512<ulong> greater, ref Vector512<ulong> equal, Vector512<ulong> plane, int minimum, int bit)
    {
        if (((minimum >> bit) & 1) != 0)
            equal &= plane;
        else
        {
            greater |= equal & plane;
            equal = Vector512.AndNot(equal, plane);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)] // the rare path: keep it out of the hot loop's register allocation
    private void AcceptFlagged(Vector512<ulong> candidates, ref PlaneSet planes, int queryIndex, int queryCount, int block, double threshold, List<CandidatePair> pairs)
    {
        var firstSorted = block * SliceLanes;
        for (var w = 0; w < SliceWords; w++)
        {
            var flagged = candidates.GetElement(w);
            while (flagged != 0)
            {
                var lane = w * 64 + BitOperations.TrailingZeroCount(flagged);
                flagged &= flagged - 1;
                var common = 0;
                for (var p = 0; p < PlaneSet.Length; p++)
                    common |= (int)((planes[p].GetElement(w) >> (lane & 63)) & 1) << p;
                AcceptSliced(queryIndex, queryCount, firstSorted + lane, common, threshold, pairs);
            }
        }
    }

    private void AcceptSliced(int queryIndex, int queryCount, int sortedIndex, int common, double threshold, List<CandidatePair> pairs)
    {
        if (sortedIndex >= _count)
            return; // padding lane of the last block
        var score = Dice.FromCounts(common, queryCount, _sortedCounts[sortedIndex]);
        if (score >= threshold)
            pairs.Add(new CandidatePair(queryIndex, _sortedToOriginal[sortedIndex], score));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Slice(ulong* slices, int bit) => Vector512.Load(slices + (nuint)(uint)bit * SliceWords);

    /// <summary>The twelve bit planes of a block's common-bit counts, least significant first.</summary>
    [InlineArray(Length)]
    private struct PlaneSet
    {
        public const int Length = 12;
        private Vector512<ulong> _plane;
    }
}
