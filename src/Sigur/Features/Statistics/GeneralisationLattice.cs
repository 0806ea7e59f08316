namespace Sigur.Features.Statistics;

/// <summary>
/// A quasi-identifier's generalisation hierarchy: level 0 is the value as recorded, each level above it coarser, the
/// last one removes the value. <see cref="Generalise"/> must nest: two values equal at one level are equal at every
/// level above it.
/// </summary>
public sealed record Hierarchy(string Column, IReadOnlyList<string> LevelNames, Func<string, int, string> Generalise)
{
    public int Levels => LevelNames.Count;
}

/// <summary>
/// The optimal k-anonymous full-domain generalisation with record suppression, found the way ARX's optimal
/// algorithms (OLA, Flash) find it: every combination of hierarchy levels is a node of a lattice; a node is
/// k-anonymous when the records in its classes smaller than k, which are suppressed, are within the limit; the answer
/// is the anonymous node of least information loss. Loss is the Loss metric (Iyengar 2002): a value generalised to a
/// class of m of the column's d distinct values loses (m − 1)/(d − 1), a removed value 1, a suppressed record 1 in
/// every column; averaged over records and columns, so 0 is the data as recorded and 1 nothing at all.
/// <para>
/// What keeps the search short is monotonicity. Generalising further never lowers any value's loss, and a suppressed
/// record already counts as fully lost, so the loss of a node and of every generalisation of it is at least the loss
/// its levels give all records unsuppressed — a bound computed from each column's value counts without grouping. A
/// node whose bound exceeds the best loss found is not evaluated. A greedy descent from the top finds a good first
/// best; the lattice is then walked by height, the nodes of one height on all cores.
/// </para>
/// Data come as columns of strings (one array per quasi-identifier); nodes are evaluated over the distinct
/// combinations of recorded values with their counts, so a node costs the number of distinct combinations, not rows.
/// </summary>
public static class GeneralisationLattice
{
    /// <summary>The chosen node: a level per quasi-identifier, and what it keeps.</summary>
    public sealed record Solution(IReadOnlyList<int> Levels, int Records, int Kept, int Suppressed, double Loss, int NodesInLattice, int NodesEvaluated,
        bool[] SuppressedRows, bool Anonymous);

    public static Solution Search(IReadOnlyList<Hierarchy> hierarchies, IReadOnlyList<string[]> columns, int k, int maxSuppressed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var data = new Encoded(hierarchies, columns);
        var nodes = AllNodes(hierarchies);
        var evaluated = new Dictionary<int, Evaluation>();
        var best = (Evaluation?)null;
        var gate = new Lock();

        Evaluation Evaluate(int[] levels)
        {
            var id = data.NodeId(levels);
            lock (gate) if (evaluated.TryGetValue(id, out var known)) return known;
            var e = data.Evaluate(levels, k, maxSuppressed);
            lock (gate)
            {
                evaluated[id] = e;
                if (e.Anonymous && (best is null || Better(e, best))) best = e;
            }
            return e;
        }

        // Greedy descent: from the top (anonymous whenever any node is), step to the least lossy anonymous predecessor.
        var current = Evaluate([.. hierarchies.Select(h => h.Levels - 1)]);
        while (current.Anonymous)
        {
            var next = Predecessors(current.Levels).Select(Evaluate).Where(e => e.Anonymous).OrderBy(e => e, Order).FirstOrDefault();
            if (next is null) break;
            current = next;
        }

        // The exhaustive walk, pruned by the monotone bound. A pruned node's loss exceeds the best at that moment, and
        // the best only falls, so the outcome does not depend on the order the cores finish in.
        foreach (var height in nodes.GroupBy(n => n.Sum()).OrderBy(g => g.Key))
            Parallel.ForEach(height, levels =>
            {
                Evaluation? b;
                lock (gate) b = best;
                if (b is not null && data.LowerBound(levels) > b.Loss) return;
                Evaluate(levels);
            });

        var chosen = best ?? current;
        return new Solution(chosen.Levels, data.Rows, data.Rows - chosen.Suppressed, chosen.Suppressed, chosen.Loss, nodes.Count, evaluated.Count,
            data.SuppressedRows(chosen.Levels, k), chosen.Anonymous);
    }

    /// <summary>Least loss first; then more records kept; then the lower node; then the levels in order, so the choice is unique.</summary>
    private static readonly Comparer<Evaluation> Order = Comparer<Evaluation>.Create((a, b) =>
    {
        var c = a.Loss.CompareTo(b.Loss);
        if (c == 0) c = a.Suppressed.CompareTo(b.Suppressed);
        if (c == 0) c = a.Levels.Sum().CompareTo(b.Levels.Sum());
        for (var i = 0; c == 0 && i < a.Levels.Length; i++) c = a.Levels[i].CompareTo(b.Levels[i]);
        return c;
    });

    private static bool Better(Evaluation a, Evaluation b) => Order.Compare(a, b) < 0;

    private static IEnumerable<int[]> Predecessors(int[] levels)
    {
        for (var i = 0; i < levels.Length; i++)
            if (levels[i] > 0)
            {
                var p = (int[])levels.Clone();
                p[i]--;
                yield return p;
            }
    }

    private static List<int[]> AllNodes(IReadOnlyList<Hierarchy> hierarchies)
    {
        var nodes = new List<int[]> { new int[hierarchies.Count] };
        for (var q = 0; q < hierarchies.Count; q++)
            nodes = [.. nodes.SelectMany(n => Enumerable.Range(0, hierarchies[q].Levels).Select(l => { var m = (int[])n.Clone(); m[q] = l; return m; }))];
        return nodes;
    }

    private sealed record Evaluation(int[] Levels, int Suppressed, double Loss, bool Anonymous);

    /// <summary>The data as integer codes: each column's distinct values, how each level maps and costs them, and the distinct combinations.</summary>
    private sealed class Encoded
    {
        private readonly int _q;
        private readonly int[][] _codes;             // [column][row] → index of the recorded value
        private readonly int[][][] _map;             // [column][level][value] → index of its generalisation at that level
        private readonly int[][] _sizes;             // [column][level] → number of generalised values
        private readonly double[][][] _loss;         // [column][level][generalised value] → Loss metric of that class
        private readonly int[][] _valueCounts;       // [column][value] → records
        private readonly int[] _levels;
        private readonly int[] _combos;              // distinct combinations, _q codes each
        private readonly int[] _comboCounts;

        public int Rows { get; }

        public Encoded(IReadOnlyList<Hierarchy> hierarchies, IReadOnlyList<string[]> columns)
        {
            _q = hierarchies.Count;
            if (columns.Count != _q) throw new ArgumentException("One column per hierarchy.", nameof(columns));
            Rows = _q == 0 ? 0 : columns[0].Length;
            _codes = new int[_q][];
            _map = new int[_q][][];
            _sizes = new int[_q][];
            _loss = new double[_q][][];
            _valueCounts = new int[_q][];
            _levels = [.. hierarchies.Select(h => h.Levels)];
            for (var c = 0; c < _q; c++)
            {
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                var codes = _codes[c] = new int[Rows];
                var column = columns[c];
                if (column.Length != Rows) throw new ArgumentException("Columns of equal length.", nameof(columns));
                for (var r = 0; r < Rows; r++)
                {
                    if (!index.TryGetValue(column[r], out var code)) index[column[r]] = code = index.Count;
                    codes[r] = code;
                }
                var values = index.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
                _valueCounts[c] = new int[values.Length];
                foreach (var code in codes) _valueCounts[c][code]++;
                var h = hierarchies[c];
                _map[c] = new int[h.Levels][];
                _sizes[c] = new int[h.Levels];
                _loss[c] = new double[h.Levels][];
                for (var level = 0; level < h.Levels; level++)
                {
                    var labels = new Dictionary<string, int>(StringComparer.Ordinal);
                    var map = _map[c][level] = new int[values.Length];
                    var top = level == h.Levels - 1;
                    for (var v = 0; v < values.Length; v++)
                    {
                        var label = top ? "" : h.Generalise(values[v], level);
                        if (!labels.TryGetValue(label, out var g)) labels[label] = g = labels.Count;
                        map[v] = g;
                    }
                    _sizes[c][level] = labels.Count;
                    var members = new int[labels.Count];
                    foreach (var g in map) members[g]++;
                    _loss[c][level] = [.. members.Select(m => top ? 1.0 : values.Length <= 1 ? 0.0 : (m - 1) / (double)(values.Length - 1))];
                }
            }

            // The distinct combinations of recorded values: every node is counted over these, not over the rows.
            var bottom = new int[_q];
            var radices = _valueCounts.Select(v => v.Length).ToArray();
            var combos = new Dictionary<long, int>();
            var comboOf = new List<int>();
            var counts = new List<int>();
            for (var r = 0; r < Rows; r++)
            {
                for (var c = 0; c < _q; c++) bottom[c] = _codes[c][r];
                var key = Key(bottom, radices);
                if (combos.TryGetValue(key, out var i)) { counts[i]++; continue; }
                combos[key] = counts.Count;
                counts.Add(1);
                comboOf.AddRange(bottom);
            }
            _combos = [.. comboOf];
            _comboCounts = [.. counts];
        }

        /// <summary>A mixed-radix key of a combination of codes (the product of the radices fits a long for any realistic data).</summary>
        private static long Key(ReadOnlySpan<int> codes, ReadOnlySpan<int> radices)
        {
            long key = 0;
            for (var c = 0; c < codes.Length; c++) key = checked(key * Math.Max(radices[c], 1) + codes[c]);
            return key;
        }

        public int NodeId(int[] levels) => (int)Key(levels, _levels);

        /// <summary>The loss this node's levels give every record, none suppressed: no generalisation of the node can lose less.</summary>
        public double LowerBound(int[] levels)
        {
            if (Rows == 0) return 0;
            var sum = 0.0;
            for (var c = 0; c < _q; c++)
            {
                var map = _map[c][levels[c]];
                var loss = _loss[c][levels[c]];
                var counts = _valueCounts[c];
                for (var v = 0; v < counts.Length; v++) sum += counts[v] * loss[map[v]];
            }
            return sum / ((double)Rows * _q);
        }

        private long GeneralisedKey(int combo, int[] levels, int[] radices, Span<int> scratch)
        {
            for (var c = 0; c < _q; c++) scratch[c] = _map[c][levels[c]][_combos[combo * _q + c]];
            return Key(scratch, radices);
        }

        /// <summary>Each class of the node: its records and the loss of its generalised values.</summary>
        private Dictionary<long, (int Count, double Loss)> Classes(int[] levels, out int[] radices)
        {
            radices = new int[_q];
            for (var c = 0; c < _q; c++) radices[c] = _sizes[c][levels[c]];
            Span<int> scratch = stackalloc int[_q];
            var classes = new Dictionary<long, (int Count, double Loss)>();
            for (var i = 0; i < _comboCounts.Length; i++)
            {
                var key = GeneralisedKey(i, levels, radices, scratch);
                if (classes.TryGetValue(key, out var cls)) classes[key] = (cls.Count + _comboCounts[i], cls.Loss);
                else
                {
                    var loss = 0.0;
                    for (var c = 0; c < _q; c++) loss += _loss[c][levels[c]][scratch[c]];
                    classes[key] = (_comboCounts[i], loss);
                }
            }
            return classes;
        }

        public Evaluation Evaluate(int[] levels, int k, int maxSuppressed)
        {
            var suppressed = 0;
            var total = 0.0;
            foreach (var (count, loss) in Classes(levels, out _).Values)
                if (count < k) { suppressed += count; total += (double)count * _q; }
                else total += count * loss;
            return new Evaluation(levels, suppressed, Rows == 0 ? 0 : total / ((double)Rows * _q), suppressed <= maxSuppressed);
        }

        /// <summary>The rows in classes smaller than k at the chosen node (counted again rather than kept for every node evaluated).</summary>
        public bool[] SuppressedRows(int[] levels, int k)
        {
            var classes = Classes(levels, out var radices);
            var codes = new int[_q];
            var result = new bool[Rows];
            for (var r = 0; r < Rows; r++)
            {
                for (var c = 0; c < _q; c++) codes[c] = _map[c][levels[c]][_codes[c][r]];
                result[r] = classes[Key(codes, radices)].Count < k;
            }
            return result;
        }
    }
}
