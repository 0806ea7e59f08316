using System.Globalization;
using Sigur.Data;

namespace Sigur.Features.Statistics;

/// <summary>A filter: the dimension and the categories kept (any of them).</summary>
public sealed record Filter(string Dimension, IReadOnlyList<string> Values)
{
    /// <summary>"status=identified" or "status=identified,presumed"; names and categories are matched without regard to case.</summary>
    public static Filter? Parse(string text, out string? error)
    {
        error = null;
        var eq = text.IndexOf('=');
        var dim = eq > 0 ? Dimensions.Find(text[..eq]) : null;
        if (dim is null) { error = $"Filters look like dimension=value; dimensions: {string.Join(", ", Dimensions.All.Select(d => d.Name))}."; return null; }
        var values = text[(eq + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (values.Length == 0) { error = $"The filter on {dim.Name} names no category."; return null; }
        return new Filter(dim.Name, values);
    }

    public override string ToString() => $"{Dimension}={string.Join(',', Values)}";
}

/// <summary>What a table counts: rows by one dimension, optionally columns by another, within filters.</summary>
public sealed record TableSpec(string Rows, string? Columns, IReadOnlyList<Filter> Filters, CountingUnit Unit = CountingUnit.Person,
    ReferenceDate Reference = ReferenceDate.Intake, string? Title = null, string? Id = null);

/// <summary>
/// A counted table before publication: true values with row and column totals (index RowCount / ColumnCount), the
/// population each cell describes (its key, which links tables), and which cells are withheld. True values stay on
/// the server: only <see cref="Publish"/>'s masked form leaves it.
/// </summary>
public sealed class CountedTable
{
    public required TableSpec Spec { get; init; }
    public required IReadOnlyList<string> Rows { get; init; }
    public required IReadOnlyList<string> Columns { get; init; }
    public required int[,] Values { get; init; }
    public required string[,] Keys { get; init; }
    public required bool[,] Hidden { get; init; }
    public int RowCount => Rows.Count;
    public int ColumnCount => Columns.Count;

    public IEnumerable<string> HiddenKeys()
    {
        for (var i = 0; i <= RowCount; i++)
            for (var j = 0; j <= ColumnCount; j++)
                if (Hidden[i, j]) yield return Keys[i, j];
    }

    public PublishedTable Publish(int threshold)
    {
        var cells = new int?[RowCount + 1][];
        for (var i = 0; i <= RowCount; i++)
        {
            cells[i] = new int?[ColumnCount + 1];
            for (var j = 0; j <= ColumnCount; j++) cells[i][j] = Hidden[i, j] ? null : Values[i, j];
        }
        var rowDim = Dimensions.Find(Spec.Rows)!;
        var colDim = Dimensions.Find(Spec.Columns);
        return new PublishedTable(Spec.Id, Spec.Title, rowDim.Name, colDim?.Name, Spec.Unit, Spec.Reference, [.. Spec.Filters.Select(f => f.ToString())],
            Rows, Columns, cells, threshold, CountingRules.Definition(Spec.Unit, Spec.Reference, rowDim.MultiValued || colDim?.MultiValued == true));
    }
}

/// <summary>
/// A table as published: rows, columns, and cells as [row][column] with the row totals in the last column and the
/// column totals in the last row. A withheld cell is null ("c" in files); 0 means known to be none.
/// </summary>
public sealed record PublishedTable(string? Id, string? Title, string Rows, string? Columns, CountingUnit Unit, ReferenceDate Reference,
    IReadOnlyList<string> Filters, IReadOnlyList<string> RowCategories, IReadOnlyList<string> ColumnCategories, IReadOnlyList<int?[]> Cells,
    int SuppressionThreshold, string Definition)
{
    /// <summary>
    /// A cell whose row or column is a category the table's own filter excludes (potential victims in a table of
    /// registered victims): not applicable, which is not the same as known to be none, so it is never written as 0.
    /// </summary>
    public bool IsNotApplicable(int row, int column) =>
        (row < RowCategories.Count && Excluded(Rows, RowCategories[row])) || (column < ColumnCategories.Count && Columns is { } c && Excluded(c, ColumnCategories[column]));

    private bool Excluded(string dimension, string category) =>
        Filters.Select(f => f.Split('=', 2)).Any(f => f.Length == 2 && string.Equals(f[0], dimension, StringComparison.OrdinalIgnoreCase)
            && !f[1].Split(',').Contains(category, StringComparer.OrdinalIgnoreCase));
}

/// <summary>Free cross-tabulation: any dimension by any other, within filters, counted by the rules of <see cref="CountingRules"/>.</summary>
public static class CrossTab
{
    /// <summary>Checks names before anything is counted; the messages name the parameter, never echo personal data (there is none here).</summary>
    public static Dictionary<string, string[]> Validate(string? rows, string? columns, IEnumerable<string> filters, out List<Filter> parsed)
    {
        var errors = new Dictionary<string, string[]>();
        var names = string.Join(", ", Dimensions.All.Select(d => d.Name));
        if (Dimensions.Find(rows) is null) errors["rows"] = [$"Choose one of: {names}."];
        if (!string.IsNullOrWhiteSpace(columns) && !columns.Equals("none", StringComparison.OrdinalIgnoreCase) && Dimensions.Find(columns) is null)
            errors["cols"] = [$"Choose one of: {names}, or none."];
        parsed = [];
        foreach (var f in filters)
        {
            var filter = Filter.Parse(f, out var error);
            if (filter is null) errors["filter"] = [error!];
            else parsed.Add(filter);
        }
        return errors;
    }

    public static async Task<IReadOnlyList<CountedTable>> CountAsync(SigurDb db, StatisticsSettings statistics, IReadOnlyList<TableSpec> specs, CancellationToken ct)
    {
        var context = statistics.Context;
        var tables = new List<CountedTable>();
        var facts = new Dictionary<(CountingUnit, ReferenceDate), IReadOnlyList<VictimFact>>();
        foreach (var spec in specs)
        {
            if (!facts.TryGetValue((spec.Unit, spec.Reference), out var f))
                facts[(spec.Unit, spec.Reference)] = f = await VictimFacts.LoadAsync(db, spec.Unit, spec.Reference, context.ReportingCountry, ct);
            tables.Add(Count(f, spec, context));
        }
        return tables;
    }

    /// <summary>Counts, publishes and suppresses a set of tables together (the tables of one report are linked).</summary>
    public static async Task<IReadOnlyList<PublishedTable>> PublishAsync(SigurDb db, StatisticsSettings statistics, IReadOnlyList<TableSpec> specs, bool publication, CancellationToken ct)
    {
        var tables = await CountAsync(db, statistics, specs, ct);
        var threshold = statistics.Threshold(publication);
        Suppression.Apply(tables, threshold);
        return [.. tables.Select(t => t.Publish(threshold))];
    }

    public static CountedTable Count(IReadOnlyList<VictimFact> facts, TableSpec spec, StatisticsContext context)
    {
        var rowDim = Dimensions.Find(spec.Rows) ?? throw new ArgumentException("Unknown row dimension.", nameof(spec));
        var colDim = string.IsNullOrWhiteSpace(spec.Columns) || spec.Columns.Equals("none", StringComparison.OrdinalIgnoreCase) ? null
            : Dimensions.Find(spec.Columns) ?? throw new ArgumentException("Unknown column dimension.", nameof(spec));
        var filters = spec.Filters.Select(f => (Dim: Dimensions.Find(f.Dimension)!, Values: f.Values.ToHashSet(StringComparer.OrdinalIgnoreCase))).ToList();

        var kept = facts.Where(f => filters.All(x => x.Dim.Values(f, context).Any(x.Values.Contains))).ToList();
        var rowValues = kept.Select(f => rowDim.Values(f, context).ToArray()).ToList();
        var colValues = colDim is null ? null : kept.Select(f => colDim.Values(f, context).ToArray()).ToList();
        var rows = Dimensions.Categories(rowDim, rowValues.SelectMany(v => v));
        var cols = colDim is null ? [] : Dimensions.Categories(colDim, colValues!.SelectMany(v => v));
        var rowIndex = rows.Select((r, i) => (r, i)).ToDictionary(x => x.r, x => x.i, StringComparer.OrdinalIgnoreCase);
        var colIndex = cols.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.OrdinalIgnoreCase);

        var units = new HashSet<Guid>[rows.Count + 1, cols.Count + 1];
        for (var i = 0; i <= rows.Count; i++)
            for (var j = 0; j <= cols.Count; j++) units[i, j] = [];
        for (var k = 0; k < kept.Count; k++)
        {
            var unit = kept[k].Unit;
            var rs = rowValues[k].Where(rowIndex.ContainsKey).Select(r => rowIndex[r]).Distinct().ToArray();
            var cs = colValues is null ? [] : colValues[k].Where(colIndex.ContainsKey).Select(c => colIndex[c]).Distinct().ToArray();
            units[rows.Count, cols.Count].Add(unit);
            foreach (var r in rs)
            {
                units[r, cols.Count].Add(unit);
                foreach (var c in cs) units[r, c].Add(unit);
            }
            foreach (var c in cs) units[rows.Count, c].Add(unit);
        }

        var values = new int[rows.Count + 1, cols.Count + 1];
        var keys = new string[rows.Count + 1, cols.Count + 1];
        var baseConstraints = spec.Filters.Select(f => $"{f.Dimension}={string.Join(',', f.Values.Select(v => v.ToUpperInvariant()).Order(StringComparer.Ordinal))}").ToList();
        for (var i = 0; i <= rows.Count; i++)
            for (var j = 0; j <= cols.Count; j++)
            {
                values[i, j] = units[i, j].Count;
                var constraints = new List<string>(baseConstraints);
                if (i < rows.Count) constraints.Add($"{rowDim.Name}={rows[i].ToUpperInvariant()}");
                if (j < cols.Count) constraints.Add($"{colDim!.Name}={cols[j].ToUpperInvariant()}");
                keys[i, j] = $"{spec.Unit}|{spec.Reference}|" + string.Join('&', constraints.Order(StringComparer.Ordinal));
            }
        return new CountedTable { Spec = spec with { Rows = rowDim.Name, Columns = colDim?.Name }, Rows = rows, Columns = cols, Values = values, Keys = keys, Hidden = new bool[rows.Count + 1, cols.Count + 1] };
    }

    public static string Format(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "c";
}
