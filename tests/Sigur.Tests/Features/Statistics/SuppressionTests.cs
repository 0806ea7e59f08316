using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>
/// Small cells are withheld, and a withheld cell cannot be worked out: not from the totals of its table, and not from
/// another table published beside it. "Worked out" is checked by linear algebra: a withheld cell is given away when its
/// unit vector lies in the span of the equations the published figures provide (each row and column adds up to its
/// total; the same population in two tables is one unknown).
/// </summary>
public sealed class SuppressionTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task Cells_of_one_to_four_are_withheld_and_cannot_be_recovered_from_totals(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        await data.ManyAsync(3, new DateOnly(2025, 4, 1), Sex.Female);
        await data.ManyAsync(12, new DateOnly(2025, 4, 1), Sex.Male);
        await data.ManyAsync(7, new DateOnly(2024, 4, 1), Sex.Female);
        await data.ManyAsync(1, new DateOnly(2024, 4, 1), Sex.Male);
        await data.ManyAsync(9, new DateOnly(2023, 4, 1), Sex.Female);
        await data.ManyAsync(6, new DateOnly(2023, 4, 1), Sex.Male);

        var tables = await ProtectAsync(data, 5, jointly: true, Spec("sex", "year"));
        var t = tables[0];
        for (var i = 0; i <= t.RowCount; i++)
            for (var j = 0; j <= t.ColumnCount; j++)
                if (t.Values[i, j] is > 0 and < 5) Assert.True(t.Hidden[i, j], $"cell {i},{j} = {t.Values[i, j]} is shown");
        Assert.True(t.Hidden[t.Rows.ToList().IndexOf("Female"), t.Columns.ToList().IndexOf("2025")]);
        Assert.Empty(Recoverable(tables));

        // What leaves the server carries no withheld value.
        var published = (await data.TablesAsync(false, Spec("sex", "year")))[0];
        Assert.Null(published.Cell("Female", "2025"));
        Assert.Null(published.Cell("Male", "2024"));
        Assert.Equal(5, published.SuppressionThreshold);
        var forPublication = (await data.TablesAsync(true, Spec("sex", "year")))[0];
        Assert.Equal(11, forPublication.SuppressionThreshold);
        Assert.Null(forPublication.Cell("Female", "2024")); // 7 < 11
    }

    [Theory, BothProviders]
    public async Task Two_overlapping_tables_do_not_give_a_withheld_cell_away(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var y2025 = new DateOnly(2025, 4, 1);
        var y2024 = new DateOnly(2024, 4, 1);
        await data.ManyAsync(2, y2025, Sex.Female, dateOfBirth: "2012-01-01");
        await data.ManyAsync(20, y2025, Sex.Female, dateOfBirth: "1990-01-01");
        await data.ManyAsync(9, y2025, Sex.Male, dateOfBirth: "2012-01-01");
        await data.ManyAsync(15, y2025, Sex.Male, dateOfBirth: "1990-01-01");
        await data.ManyAsync(8, y2024, Sex.Male, dateOfBirth: "2012-01-01");
        await data.ManyAsync(12, y2024, Sex.Male, dateOfBirth: "1990-01-01");

        // Table A: sex by age group in 2025. Table B: males by age group and year — it contains A's complementary cells.
        var a = Spec("sex", "agegroup", "year=2025");
        var b = Spec("agegroup", "year", "sex=Male");

        // Protected one by one, B shows the males' 2025 figures that A withheld as complements, and A's small cell falls out.
        var separately = (await ProtectAsync(data, 5, jointly: false, a)).Concat(await ProtectAsync(data, 5, jointly: false, b)).ToList();
        Assert.Contains(separately[0].Keys[separately[0].Rows.ToList().IndexOf("Female"), separately[0].Columns.ToList().IndexOf("Child")], Recoverable(separately));

        // Protected together, nothing withheld can be worked out.
        var together = await ProtectAsync(data, 5, jointly: true, a, b);
        Assert.True(together[0].Hidden[together[0].Rows.ToList().IndexOf("Female"), together[0].Columns.ToList().IndexOf("Child")]);
        Assert.Empty(Recoverable(together));
    }

    private static TableSpec Spec(string rows, string? cols, params string[] filters) =>
        new(rows, cols, [.. filters.Select(f => Filter.Parse(f, out _)!)]);

    private static async Task<IReadOnlyList<CountedTable>> ProtectAsync(StatisticsData data, int threshold, bool jointly, params TableSpec[] specs)
    {
        var tables = new List<CountedTable>();
        foreach (var spec in specs)
        {
            var t = await data.CountAsync(spec.Rows, spec.Columns, spec.Unit, [.. spec.Filters.Select(f => f.ToString())]);
            tables.Add(t);
        }
        if (jointly) Suppression.Apply(tables, threshold);
        else foreach (var t in tables) Suppression.Apply([t], threshold);
        return tables;
    }

    /// <summary>The keys of withheld cells that the published figures determine exactly.</summary>
    internal static HashSet<string> Recoverable(IReadOnlyList<CountedTable> tables, IEnumerable<(string Total, IReadOnlyList<string> Parts)>? sums = null)
    {
        // A cell shown anywhere is known everywhere.
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var t in tables)
            for (var i = 0; i <= t.RowCount; i++)
                for (var j = 0; j <= t.ColumnCount; j++)
                    if (!t.Hidden[i, j]) known[t.Keys[i, j]] = t.Values[i, j];
        var unknowns = tables.SelectMany(t => t.HiddenKeys()).Where(k => !known.ContainsKey(k)).Distinct().ToList();
        var index = unknowns.Select((k, n) => (k, n)).ToDictionary(x => x.k, x => x.n);
        var equations = new List<double[]>();
        void Line(CountedTable t, IEnumerable<(int I, int J)> interior, (int I, int J) total)
        {
            var row = new double[unknowns.Count];
            foreach (var (i, j) in interior) if (index.TryGetValue(t.Keys[i, j], out var n)) row[n] += 1;
            if (index.TryGetValue(t.Keys[total.I, total.J], out var m)) row[m] -= 1;
            if (row.Any(x => x != 0)) equations.Add(row);
        }
        // Further equations the caller knows of: populations that add up to another (the categories of a filter).
        foreach (var (total, parts) in sums ?? [])
        {
            var row = new double[unknowns.Count];
            foreach (var part in parts) if (index.TryGetValue(part, out var n)) row[n] += 1;
            if (index.TryGetValue(total, out var m)) row[m] -= 1;
            if (row.Any(x => x != 0)) equations.Add(row);
        }
        foreach (var t in tables)
        {
            for (var i = 0; i <= t.RowCount; i++) if (t.ColumnCount > 0) Line(t, Enumerable.Range(0, t.ColumnCount).Select(j => (i, j)), (i, t.ColumnCount));
            for (var j = 0; j <= t.ColumnCount; j++) if (t.RowCount > 0) Line(t, Enumerable.Range(0, t.RowCount).Select(i => (i, j)), (t.RowCount, j));
        }
        // Reduced row echelon form; an unknown is determined when its pivot row has no other entry.
        var m2 = equations.Select(e => (double[])e.Clone()).ToList();
        var pivotRowOf = new Dictionary<int, int>();
        var r = 0;
        for (var c = 0; c < unknowns.Count && r < m2.Count; c++)
        {
            var p = Enumerable.Range(r, m2.Count - r).FirstOrDefault(k => Math.Abs(m2[k][c]) > 1e-9, -1);
            if (p < 0) continue;
            (m2[r], m2[p]) = (m2[p], m2[r]);
            var pivot = m2[r][c];
            for (var x = 0; x < unknowns.Count; x++) m2[r][x] /= pivot;
            for (var k = 0; k < m2.Count; k++)
            {
                if (k == r || Math.Abs(m2[k][c]) < 1e-12) continue;
                var f = m2[k][c];
                for (var x = 0; x < unknowns.Count; x++) m2[k][x] -= f * m2[r][x];
            }
            pivotRowOf[c] = r++;
        }
        var recoverable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (c, row) in pivotRowOf)
            if (Enumerable.Range(0, unknowns.Count).All(x => x == c || Math.Abs(m2[row][x]) < 1e-9)) recoverable.Add(unknowns[c]);
        return recoverable;
    }
}
