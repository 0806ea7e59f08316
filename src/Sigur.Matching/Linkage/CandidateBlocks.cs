namespace Sigur.Matching;

/// <summary>
/// The blocks of all rules, and the per-record keys needed to tell whether an earlier rule already
/// produced a pair. Pairs are never materialised: they are enumerated block by block.
/// </summary>
internal sealed class CandidateBlocks
{
    public IReadOnlyList<BlockingRule> Rules { get; }
    public List<(int Rule, int[] Members)> Blocks { get; } = [];
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
