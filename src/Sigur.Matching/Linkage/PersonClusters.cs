namespace Sigur.Matching;

/// <summary>A scored candidate pair (record indexes) with its match probability.</summary>
public readonly record struct ScoredPair(int A, int B, double Probability);

/// <summary>
/// Groups matched pairs into persons: connected components over pairs above the threshold, then weak
/// links split. One weak pair must not chain two otherwise separate persons into one: in a component of
/// three or more, a bridge (an edge whose removal disconnects it) below the strong-link probability is
/// cut, and a component still larger than the maximum is rebuilt from its strongest edges only.
/// </summary>
public static class PersonClusters
{
    /// <summary>The clusters of two or more records, each a sorted array of record indexes.</summary>
    public static List<int[]> Build(int recordCount, IReadOnlyList<ScoredPair> pairs, double strongLink, int maxClusterSize)
    {
        var components = Components(recordCount, pairs);
        var result = new List<int[]>();
        foreach (var (members, edges) in components)
        {
            if (members.Length <= 2) { result.Add(members); continue; }
            // A component beyond the size limit is a chain of many links, not a person: rebuild it from
            // its strongest edges directly (finding bridges in it would cost edges² for nothing).
            if (members.Length > maxClusterSize) { result.AddRange(StrongestFirst(edges, maxClusterSize)); continue; }
            var kept = edges.Where(e => e.Probability >= strongLink || !IsBridge(members, edges, e)).ToList();
            foreach (var (subMembers, subEdges) in Components(recordCount, kept, members))
            {
                if (subMembers.Length <= maxClusterSize) result.Add(subMembers);
                else result.AddRange(StrongestFirst(subEdges, maxClusterSize));
            }
        }
        return result;
    }

    private static List<(int[] Members, List<ScoredPair> Edges)> Components(int n, IReadOnlyList<ScoredPair> pairs, int[]? only = null)
    {
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            if (!parent.TryGetValue(x, out var p)) { parent[x] = x; return x; }
            while (p != x) { int gp = parent[p]; parent[x] = gp; x = p; p = gp; }
            return x;
        }
        foreach (var e in pairs)
        {
            int ra = Find(e.A), rb = Find(e.B);
            if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
        }
        if (only is not null) foreach (var m in only) Find(m);
        var groups = new Dictionary<int, (List<int> Members, List<ScoredPair> Edges)>();
        foreach (var x in parent.Keys.ToList())
        {
            int r = Find(x);
            if (!groups.TryGetValue(r, out var g)) groups[r] = g = ([], []);
            g.Members.Add(x);
        }
        foreach (var e in pairs) groups[Find(e.A)].Edges.Add(e);
        return groups.Values
            .Where(g => g.Members.Count >= 2)
            .Select(g => { var m = g.Members.ToArray(); Array.Sort(m); return (m, g.Edges); })
            .OrderBy(g => g.m[0])
            .ToList();
    }

    private static bool IsBridge(int[] members, List<ScoredPair> edges, ScoredPair removed)
    {
        // Components are small after thresholding: a search without the edge is cheap enough.
        var adjacency = members.ToDictionary(m => m, _ => new List<int>());
        foreach (var e in edges)
        {
            if (e.Equals(removed)) continue;
            adjacency[e.A].Add(e.B);
            adjacency[e.B].Add(e.A);
        }
        var seen = new HashSet<int> { removed.A };
        var stack = new Stack<int>([removed.A]);
        while (stack.Count > 0)
        {
            foreach (var next in adjacency[stack.Pop()])
            {
                if (next == removed.B) return false;
                if (seen.Add(next)) stack.Push(next);
            }
        }
        return true;
    }

    /// <summary>Kruskal from the strongest edge, refusing unions that would exceed the size limit.</summary>
    private static IEnumerable<int[]> StrongestFirst(List<ScoredPair> edges, int maxSize)
    {
        var parent = new Dictionary<int, int>();
        var size = new Dictionary<int, int>();
        int Find(int x)
        {
            if (!parent.TryGetValue(x, out var p)) { parent[x] = x; size[x] = 1; return x; }
            while (p != x) { x = p; p = parent[x]; }
            return x;
        }
        foreach (var e in edges.OrderByDescending(e => e.Probability))
        {
            int ra = Find(e.A), rb = Find(e.B);
            if (ra == rb || size[ra] + size[rb] > maxSize) continue;
            parent[rb] = ra;
            size[ra] += size[rb];
        }
        return parent.Keys.GroupBy(Find).Where(g => g.Count() >= 2).Select(g => g.Order().ToArray());
    }
}
