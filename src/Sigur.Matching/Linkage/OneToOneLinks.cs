namespace Sigur.Matching;

/// <summary>
/// One-to-one assignment between two registers: each record links to at most one on the other side.
/// Greedy by descending probability, which for the sparse, well-separated score matrices of record
/// linkage gives the same links as an optimal assignment in practice and runs in O(p log p).
/// </summary>
public static class OneToOneLinks
{
    public static List<ScoredPair> Assign(IEnumerable<ScoredPair> pairs)
    {
        var usedLeft = new HashSet<int>();
        var usedRight = new HashSet<int>();
        var links = new List<ScoredPair>();
        foreach (var p in pairs.OrderByDescending(p => p.Probability).ThenBy(p => p.A).ThenBy(p => p.B))
        {
            if (usedLeft.Contains(p.A) || usedRight.Contains(p.B)) continue;
            usedLeft.Add(p.A);
            usedRight.Add(p.B);
            links.Add(p);
        }
        return links;
    }
}
