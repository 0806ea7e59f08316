using Sigur.Data;

namespace Sigur.Features.Statistics;

/// <summary>
/// Tables asked for one at a time (the statistics page, the API, `sigur stats table`), protected so that no two of
/// them can be played against each other.
/// <para>The danger: each request protected on its own hides the cells of that table only, so "all victims by sex"
/// minus "identified victims by sex" gives the withheld "not identified" cells of a third request. Here every table is
/// cut from a lattice of tables, one per set of dimensions (rows, columns and each filter's dimension; the grand
/// total is the empty set). Which cells of a lattice table are withheld depends only on its dimensions and the data,
/// never on the request that asked for it; and it is decided from the margins down: a table's margins (the tables
/// with one dimension fewer) are protected first and kept as they are, then its own cells are withheld so that every
/// line (the cells along one dimension, which add up to a margin cell) has none or at least two withheld members.
/// A shown margin can therefore never give a withheld cell away, and every request that shows a cell shows it the
/// same way. To keep every published figure a single lattice cell, a filter keeps one category (sums of categories
/// are for report templates, protected together), and a table has at most <see cref="MaxDimensions"/> dimensions.</para>
/// </summary>
public static class FreeTables
{
    public const int MaxDimensions = 4;

    /// <summary>The most cells the finest table of a request may have (the product of its dimensions' categories).</summary>
    public const long MaxCells = 4_000_000;

    /// <summary>The dimensions chosen have too many categories together; answered as 400 naming the dimensions.</summary>
    public sealed class TooLarge(string message) : Exception(message);

    /// <summary>The limits of free tables, after <see cref="CrossTab.Validate"/> accepted the names.</summary>
    public static void Check(string? rows, string? cols, IReadOnlyList<Filter> filters, Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0) return;
        var row = Dimensions.Find(rows)!.Name;
        var col = ColumnDimension(cols)?.Name;
        if (col == row) errors["cols"] = ["Choose a dimension other than the rows."];
        foreach (var f in filters)
        {
            if (f.Values.Count != 1)
                errors["filter"] = [$"The filter on {f.Dimension} keeps one category: sums of categories are published in report templates, where they are protected together."];
            else if (f.Dimension == row || f.Dimension == col)
                errors["filter"] = [$"{f.Dimension} is already the rows or the columns: filter on another dimension."];
        }
        if (filters.GroupBy(f => f.Dimension).Any(g => g.Count() > 1)) errors["filter"] = ["One filter per dimension."];
        if (1 + (col is null ? 0 : 1) + filters.Select(f => f.Dimension).Distinct().Count() > MaxDimensions)
            errors["filter"] = [$"A table combines at most {MaxDimensions} dimensions (rows, columns and filters)."];
    }

    public static Dimension? ColumnDimension(string? cols) =>
        string.IsNullOrWhiteSpace(cols) || cols.Equals("none", StringComparison.OrdinalIgnoreCase) ? null : Dimensions.Find(cols);

    /// <summary>
    /// A table of persons or cases comes from the in-memory <see cref="FactSnapshot"/> (kept in step with the database
    /// through the statistics journal); a table of proceedings, a few thousand at most, is counted from the database.
    /// </summary>
    public static async Task<PublishedTable> PublishAsync(FactSnapshot snapshot, SigurDb db, StatisticsSettings statistics, TableSpec spec, bool publication, CancellationToken ct)
    {
        var context = statistics.Context;
        var threshold = statistics.Threshold(publication);
        if (spec.Unit == CountingUnit.Proceeding)
            return Publish(await VictimFacts.LoadAsync(db, spec.Unit, spec.Reference, context.ReportingCountry, ct), spec, context, threshold);
        return await snapshot.ReadAsync(db, spec.Unit, spec.Reference, view => Publish(view, spec, context, threshold), ct);
    }

    internal static PublishedTable Publish(FactView view, TableSpec spec, StatisticsContext context, int threshold)
    {
        var dims = DimensionsOf(spec);
        return new Lattice(spec, threshold, dims, view.Categories(dims, context), view.Counter(dims, context)).Table();
    }

    /// <summary>The same tables from facts already loaded (the reference comparison asks for several at once).</summary>
    public static PublishedTable Publish(IReadOnlyList<VictimFact> facts, TableSpec spec, StatisticsContext context, int threshold)
    {
        var dims = DimensionsOf(spec);
        var categories = dims.Select(d => Dimensions.Categories(d, facts.SelectMany(f => d.Values(f, context))).ToList()).ToArray();
        return new Lattice(spec, threshold, dims, categories, final => CodedFacts.From(facts, dims, final, context).AddTo).Table();
    }

    /// <summary>The lattice's dimensions: rows, columns, then the filters' dimensions by name.</summary>
    private static Dimension[] DimensionsOf(TableSpec spec)
    {
        var dims = new List<Dimension> { Dimensions.Find(spec.Rows)! };
        if (ColumnDimension(spec.Columns) is { } col) dims.Add(col);
        dims.AddRange(spec.Filters.Select(f => Dimensions.Find(f.Dimension)!).OrderBy(d => d.Name, StringComparer.Ordinal));
        return [.. dims];
    }

    /// <summary>A table of the lattice: its dimensions (indices into the lattice's), the strides of its cells, and its counts.</summary>
    internal sealed class Node(int[] dims, int[] strides, int size)
    {
        public int[] Dims { get; } = dims;
        public int[] Strides { get; } = strides;
        public int[] Values { get; } = new int[size];
        public bool[] Hidden { get; } = new bool[size];
        public int Size => Values.Length;
    }

    /// <summary>
    /// Facts as category indices, counted exactly: each counted unit once per cell however many of its facts (years)
    /// and categories (citizenships, forms) fall in it.
    /// </summary>
    internal sealed class CodedFacts(int[][][] categories, int[][] units, int[]? weights = null)
    {
        public static CodedFacts From(IReadOnlyList<VictimFact> facts, Dimension[] dims, IReadOnlyList<string>[] categories, StatisticsContext context)
        {
            var lookups = categories.Select(cs => cs.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase)).ToArray();
            int[][][] coded = [.. facts.Select(f => dims.Select((d, i) => d.Values(f, context).Where(lookups[i].ContainsKey).Select(v => lookups[i][v]).Distinct().ToArray()).ToArray())];
            return new CodedFacts(coded, [.. Enumerable.Range(0, facts.Count).GroupBy(i => facts[i].Unit).Select(g => g.ToArray())]);
        }

        /// <param name="weights">How many units each entry of units stands for (units alike, counted once and multiplied).</param>
        public void AddTo(Node node)
        {
            var cells = new HashSet<int>();
            Action<int> collect = c => cells.Add(c);
            for (var u = 0; u < units.Length; u++)
            {
                // One fact: its categories are distinct in each dimension, so every combination is a different cell.
                var weight = weights?[u] ?? 1;
                if (units[u].Length == 1) { Cells(node, categories[units[u][0]], 0, 0, c => node.Values[c] += weight); continue; }
                cells.Clear();
                foreach (var f in units[u]) Cells(node, categories[f], 0, 0, collect);
                foreach (var c in cells) node.Values[c] += weight;
            }
        }

        private static void Cells(Node node, int[][] categories, int k, int index, Action<int> cell)
        {
            if (k == node.Dims.Length) { cell(index); return; }
            foreach (var c in categories[node.Dims[k]]) Cells(node, categories, k + 1, index + c * node.Strides[k], cell);
        }
    }

    private sealed class Lattice
    {
        private readonly TableSpec _spec;
        private readonly int _threshold;
        private readonly Dimension[] _dims;
        private readonly List<string>[] _categories;
        private readonly int[] _fixed; // the kept category of a filter dimension, −1 for rows and columns
        private readonly Action<Node> _count;
        private readonly Dictionary<int, Node> _nodes = [];

        /// <param name="counter">Given the final categories (a filter's category nobody has is added), counts a node's cells.</param>
        public Lattice(TableSpec spec, int threshold, Dimension[] dims, List<string>[] categories, Func<IReadOnlyList<string>[], Action<Node>> counter)
        {
            _spec = spec;
            _threshold = threshold;
            _dims = dims;
            _categories = categories;
            _fixed = new int[_dims.Length];
            var firstFilter = _dims.Length - spec.Filters.Count;
            for (var d = 0; d < _dims.Length; d++)
            {
                var filter = spec.Filters.FirstOrDefault(f => f.Dimension == _dims[d].Name && d >= firstFilter);
                if (filter is null) { _fixed[d] = -1; continue; }
                var index = _categories[d].FindIndex(c => string.Equals(c, filter.Values[0], StringComparison.OrdinalIgnoreCase));
                if (index < 0) { _categories[d].Add(filter.Values[0]); index = _categories[d].Count - 1; }
                _fixed[d] = index;
            }
            var cells = _categories.Aggregate(1L, (n, c) => n * Math.Max(c.Count, 1));
            if (cells > MaxCells)
                throw new TooLarge($"{string.Join(" × ", _dims.Select((d, i) => $"{d.Name} ({_categories[i].Count})"))} make {cells:N0} cells; at most {MaxCells:N0}. Choose fewer or coarser dimensions.");
            _count = counter(_categories);
        }

        public PublishedTable Table()
        {
            var filterMask = 0;
            for (var d = 0; d < _dims.Length; d++) if (_fixed[d] >= 0) filterMask |= 1 << d;
            var hasCols = _dims.Length > 1 && _fixed[1] < 0;
            // Rows and columns shown: the fixed categories, or those present in the filtered population.
            List<string> Shown(int d)
            {
                var node = Protect(filterMask | 1 << d);
                var coords = (int[])_fixed.Clone();
                var present = new List<string>();
                for (var c = 0; c < _categories[d].Count; c++)
                {
                    coords[d] = c;
                    if (node.Values[Index(node, coords)] > 0) present.Add(_categories[d][c]);
                }
                return [.. Dimensions.Categories(_dims[d], present)];
            }
            var rows = Shown(0);
            var cols = hasCols ? Shown(1) : [];
            var values = new int[rows.Count + 1, cols.Count + 1];
            var hidden = new bool[rows.Count + 1, cols.Count + 1];
            var keys = new string[rows.Count + 1, cols.Count + 1];
            for (var i = 0; i <= rows.Count; i++)
                for (var j = 0; j <= cols.Count; j++)
                {
                    keys[i, j] = "";
                    var coords = (int[])_fixed.Clone();
                    var mask = filterMask;
                    if (i < rows.Count) { mask |= 1; coords[0] = _categories[0].FindIndex(c => string.Equals(c, rows[i], StringComparison.OrdinalIgnoreCase)); }
                    if (j < cols.Count) { mask |= 2; coords[1] = _categories[1].FindIndex(c => string.Equals(c, cols[j], StringComparison.OrdinalIgnoreCase)); }
                    if (coords[0] == -1 && i < rows.Count || hasCols && j < cols.Count && coords[1] == -1) continue; // a fixed category nobody has: 0
                    var node = Protect(mask);
                    var index = Index(node, coords);
                    values[i, j] = node.Values[index];
                    hidden[i, j] = node.Hidden[index];
                }
            var counted = new CountedTable
            {
                Spec = _spec with { Rows = _dims[0].Name, Columns = hasCols ? _dims[1].Name : null },
                Rows = rows, Columns = cols, Values = values, Keys = keys, Hidden = hidden,
            };
            return counted.Publish(_threshold);
        }

        private static int Index(Node node, int[] coords)
        {
            var index = 0;
            for (var k = 0; k < node.Dims.Length; k++) index += coords[node.Dims[k]] * node.Strides[k];
            return index;
        }

        /// <summary>The lattice table over the dimensions in <paramref name="mask"/>, counted and protected after its margins.</summary>
        private Node Protect(int mask)
        {
            if (_nodes.TryGetValue(mask, out var done)) return done;
            var dims = Enumerable.Range(0, _dims.Length).Where(d => (mask & (1 << d)) != 0).ToArray();
            var parents = dims.ToDictionary(d => d, d => Protect(mask & ~(1 << d)));
            var strides = new int[dims.Length];
            var size = 1;
            for (var k = dims.Length - 1; k >= 0; k--) { strides[k] = size; size = checked(size * _categories[dims[k]].Count); }
            var node = new Node(dims, strides, size);
            _count(node);
            _nodes[mask] = node;

            for (var c = 0; c < size; c++) node.Hidden[c] = node.Values[c] > 0 && node.Values[c] < _threshold;
            // A dimension with one category: the table is its margin again, cell for cell, and is shown the same way.
            if (dims.FirstOrDefault(d => _categories[d].Count == 1, -1) is var single and >= 0)
            {
                var parent = parents[single];
                for (var c = 0; c < size; c++) node.Hidden[c] = parent.Hidden[Index(parent, Decode(node, c))];
                return node;
            }

            bool changed;
            do
            {
                changed = false;
                foreach (var d in dims)
                {
                    var parent = parents[d];
                    var members = new int[_categories[d].Count];
                    for (var p = 0; p < parent.Size; p++)
                    {
                        var coords = Decode(parent, p);
                        var hiddenCount = parent.Hidden[p] ? 1 : 0;
                        for (var k = 0; k < members.Length; k++)
                        {
                            coords[d] = k;
                            members[k] = Index(node, coords);
                            if (node.Hidden[members[k]]) hiddenCount++;
                        }
                        if (hiddenCount != 1) continue;
                        // The margin is settled: the second withheld member is the smallest non-zero shown cell of the line, else any shown cell.
                        var shown = members.Where(m => !node.Hidden[m]).ToList();
                        if (shown.Count == 0) continue;
                        var partner = shown.Where(m => node.Values[m] > 0).OrderBy(m => node.Values[m]).Cast<int?>().FirstOrDefault() ?? shown[0];
                        node.Hidden[partner] = true;
                        changed = true;
                    }
                }
            } while (changed);
            return node;
        }

        private int[] Decode(Node node, int index)
        {
            var coords = new int[_dims.Length];
            for (var k = 0; k < node.Dims.Length; k++) { coords[node.Dims[k]] = index / node.Strides[k]; index %= node.Strides[k]; }
            return coords;
        }
    }
}
