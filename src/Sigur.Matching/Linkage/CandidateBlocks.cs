namespace Sigur.Matching;

/// <summary>
/// The blocks of all rules, and the per-record keys needed to tell whether an earlier rule already
/// produced a pair. Pairs are never materialised: they are enumerated block by block.
/// </summary>
internal sealed class CandidateBlocks
{
    public IReadOnlyList<BlockingRule> Rules { get; }
    public List<(int Rule, int[] Members)> Blocks { get; } = [];
    /// <summary>For linking: how many members of each block are on the left (blocks list left records first).</summary>
    private int[] leftCounts = [];
    public long[] OversizeBlocks { get; }
    private readonly ulong[] keys;
    private readonly PersonFeatures[] records;
    private readonly bool linking;
    private readonly int ruleCount;

    public CandidateBlocks(PersonFeatures[] records, IReadOnlyList<BlockingRule> rules, bool linking, int maxBlockSize)
    {
        this.records = records;
        this.linking = linking;
        Rules = rules;
        ruleCount = rules.Count;
        OversizeBlocks = new long[ruleCount];
        int n = records.Length;
        keys = new ulong[(long)n * ruleCount];
        Parallel.For(0, n, i =>
        {
            for (int r = 0; r < ruleCount; r++) keys[(long)i * ruleCount + r] = rules[r].Key(records[i]);
        });
        for (int r = 0; r < ruleCount; r++)
        {
            int count = 0;
            for (int i = 0; i < n; i++) if (keys[(long)i * ruleCount + r] != 0) count++;
            var blockKeys = new ulong[count];
            var blockRecords = new int[count];
            for (int i = 0, c = 0; i < n; i++)
            {
                ulong k = keys[(long)i * ruleCount + r];
                if (k != 0) { blockKeys[c] = k; blockRecords[c++] = i; }
            }
            Array.Sort(blockKeys, blockRecords);
            for (int start = 0; start < count;)
            {
                int end = start + 1;
                while (end < count && blockKeys[end] == blockKeys[start]) end++;
                int size = end - start;
                if (size >= 2)
                {
                    var members = blockRecords.AsSpan(start, size).ToArray();
                    Array.Sort(members);
                    if (size > maxBlockSize) OversizeBlocks[r]++;
                    else if (!linking || HasBothSides(members)) Blocks.Add((r, members));
                }
                start = end;
            }
        }
        // Largest first, so the parallel loop does not end waiting on one big block.
        Blocks.Sort((x, y) => y.Members.Length.CompareTo(x.Members.Length));
        if (linking) leftCounts = Blocks.Select(b => b.Members.Count(m => records[m].Side == 0)).ToArray();
    }

    /// <summary>Pairs the block can form: n(n−1)/2, or left × right when linking.</summary>
    public long PairsIn(int blockIndex)
    {
        long n = Blocks[blockIndex].Members.Length;
        return linking ? (long)leftCounts[blockIndex] * (n - leftCounts[blockIndex]) : n * (n - 1) / 2;
    }

    public long PairUpperBound(int rule)
    {
        long total = 0;
        for (int b = 0; b < Blocks.Count; b++) if (Blocks[b].Rule == rule) total += PairsIn(b);
        return total;
    }

    /// <summary>
    /// <paramref name="draws"/> pairs of one rule drawn uniformly with replacement (a block with the chance of its
    /// share of the rule's pairs, then a pair in it), deterministic for a seed, visited in parallel in record
    /// order so that neighbouring draws share cache lines. Without <paramref name="includeCovered"/>, pairs an
    /// earlier rule produces are drawn but not visited; the share of visited draws estimates how many pairs this
    /// rule is the first to produce. Returns how many draws were visited.
    /// </summary>
    public long SamplePairs<TState>(int rule, int draws, int seed, bool includeCovered, Func<TState> start, PairVisitor<TState> visit, Action<TState> finish)
    {
        var blocks = Enumerable.Range(0, Blocks.Count).Where(b => Blocks[b].Rule == rule).ToArray();
        if (blocks.Length == 0 || draws <= 0) return 0;
        var cumulative = new long[blocks.Length];
        long sum = 0;
        for (int i = 0; i < blocks.Length; i++) cumulative[i] = sum += PairsIn(blocks[i]);
        var rng = new Random(unchecked(seed * 31 + rule)); // not HashCode: its seed changes from run to run
        var pairs = new ulong[draws];
        for (int k = 0; k < draws; k++)
        {
            int at = Array.BinarySearch(cumulative, rng.NextInt64(sum));
            at = at < 0 ? ~at : at + 1;
            var members = Blocks[blocks[at]].Members;
            int a, b;
            if (linking)
            {
                int left = leftCounts[blocks[at]];
                a = members[rng.Next(left)];
                b = members[left + rng.Next(members.Length - left)];
            }
            else
            {
                int i = rng.Next(members.Length), j = rng.Next(members.Length - 1);
                if (j >= i) j++;
                (a, b) = i < j ? (members[i], members[j]) : (members[j], members[i]);
            }
            pairs[k] = (ulong)(uint)a << 32 | (uint)b;
        }
        Array.Sort(pairs);
        long visited = 0;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, draws, 16_384), () => (State: start(), Visited: 0L), (range, _, local) =>
        {
            var state = local.State;
            for (int k = range.Item1; k < range.Item2; k++)
            {
                int a = (int)(pairs[k] >> 32), b = (int)(uint)pairs[k];
                if (!includeCovered && CoveredEarlier(a, b, rule)) continue;
                local.Visited++;
                visit(ref state, a, b);
            }
            return (state, local.Visited);
        }, local => { Interlocked.Add(ref visited, local.Visited); finish(local.State); });
        return visited;
    }

    private bool HasBothSides(int[] members)
    {
        bool left = false, right = false;
        foreach (int m in members) { if (records[m].Side == 0) left = true; else right = true; }
        return left && right;
    }

    /// <summary>Upper bound of the pairs in all blocks (pairs covered by several rules counted once per rule).</summary>
    public long PairUpperBound()
    {
        long total = 0;
        foreach (var (_, members) in Blocks)
        {
            if (!linking) total += (long)members.Length * (members.Length - 1) / 2;
            else
            {
                long left = members.Count(m => records[m].Side == 0);
                total += left * (members.Length - left);
            }
        }
        return total;
    }

    /// <summary>The record's key under a rule (0: none).</summary>
    public ulong Key(int record, int rule) => keys[(long)record * ruleCount + rule];

    public bool Linking => linking;

    /// <summary>True when a rule before <paramref name="rule"/> puts a and b in one block.</summary>
    public bool CoveredEarlier(int a, int b, int rule)
    {
        long ia = (long)a * ruleCount, ib = (long)b * ruleCount;
        for (int r = 0; r < rule; r++)
        {
            ulong k = keys[ia + r];
            if (k != 0 && k == keys[ib + r]) return true;
        }
        return false;
    }

    /// <summary>Calls <paramref name="visit"/> for each pair of the block that this rule is the first to produce.</summary>
    public void ForEachPair<TState>(int blockIndex, ref TState state, PairVisitor<TState> visit) =>
        ForEachPair(blockIndex, ref state, includeCovered: false, visit);

    public void ForEachPair<TState>(int blockIndex, ref TState state, bool includeCovered, PairVisitor<TState> visit)
    {
        var (rule, members) = Blocks[blockIndex];
        for (int i = 0; i < members.Length; i++)
        {
            int a = members[i];
            byte sideA = records[a].Side;
            for (int j = i + 1; j < members.Length; j++)
            {
                int b = members[j];
                if (linking && records[b].Side == sideA) continue;
                if (!includeCovered && CoveredEarlier(a, b, rule)) continue;
                visit(ref state, a, b);
            }
        }
    }
}

internal delegate void PairVisitor<TState>(ref TState state, int a, int b);
