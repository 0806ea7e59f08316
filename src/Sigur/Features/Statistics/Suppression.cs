namespace Sigur.Features.Statistics;

/// <summary>
/// Small-cell suppression for one table or several tables published together.
/// <para>Primary: a cell from 1 to threshold − 1 is withheld (0 is published: "known to be none").</para>
/// <para>Complementary: every row and column of a table, with its total, is an equation (cells add up to the total).
/// An equation with exactly one withheld member gives that member away, so a second member is withheld too: the
/// smallest non-zero shown cell of the line, else its total. Tables published together are linked through cells that
/// describe the same population (the same <see cref="CountedTable.Keys"/>: one table's total is often another's cell):
/// a cell withheld in one is withheld in all. Both rules repeat until nothing changes, so no withheld cell can be
/// worked out from totals or from the other tables of the set.</para>
/// </summary>
public static class Suppression
{
    public static void Apply(IReadOnlyList<CountedTable> tables, int threshold)
    {
        foreach (var t in tables)
            for (var i = 0; i <= t.RowCount; i++)
                for (var j = 0; j <= t.ColumnCount; j++)
                    if (t.Values[i, j] > 0 && t.Values[i, j] < threshold) t.Hidden[i, j] = true;

        bool changed;
        do
        {
            changed = false;
            foreach (var t in tables)
            {
                for (var i = 0; i <= t.RowCount; i++)
                    if (t.ColumnCount > 0) changed |= CloseLine(t, [.. Enumerable.Range(0, t.ColumnCount).Select(j => (i, j))], (i, t.ColumnCount));
                for (var j = 0; j <= t.ColumnCount; j++)
                    if (t.RowCount > 0) changed |= CloseLine(t, [.. Enumerable.Range(0, t.RowCount).Select(i => (i, j))], (t.RowCount, j));
            }
            var hiddenKeys = tables.SelectMany(t => t.HiddenKeys()).ToHashSet(StringComparer.Ordinal);
            foreach (var t in tables)
                for (var i = 0; i <= t.RowCount; i++)
                    for (var j = 0; j <= t.ColumnCount; j++)
                        if (!t.Hidden[i, j] && hiddenKeys.Contains(t.Keys[i, j])) { t.Hidden[i, j] = true; changed = true; }
        } while (changed);
    }

    private static bool CloseLine(CountedTable t, (int I, int J)[] interior, (int I, int J) total)
    {
        var hidden = interior.Count(c => t.Hidden[c.I, c.J]) + (t.Hidden[total.I, total.J] ? 1 : 0);
        if (hidden != 1) return false;
        var shown = interior.Where(c => !t.Hidden[c.I, c.J]).ToList();
        var partner = shown.Where(c => t.Values[c.I, c.J] > 0).OrderBy(c => t.Values[c.I, c.J]).Cast<(int, int)?>().FirstOrDefault()
            ?? (!t.Hidden[total.I, total.J] ? total : shown.Cast<(int, int)?>().FirstOrDefault());
        if (partner is not { } p) return false;
        t.Hidden[p.Item1, p.Item2] = true;
        return true;
    }
}
