namespace Sigur.Matching.Pprl;

/// <summary>A pair of records, one from each party, whose CLKs reach the threshold.</summary>
public readonly record struct CandidatePair(int IndexA, int IndexB, double Score);

/// <summary>
/// One-to-one linkage as anonlink's greedy solver does it for two parties: take candidates from the
/// highest score down (ties: lower index in A first, then lower index in B), keep a pair when
/// neither record is already linked. Greedy is not the optimal assignment, but it is what anonlink
/// users expect and it is deterministic.
/// </summary>
public static class GreedyMatching
{
    /// <summary>Sorts candidates into solving order: score descending, then index in A, then index in B.</summary>
    public static void SortForSolving(CandidatePair[] candidates) =>
        Array.Sort(candidates, static (x, y) =>
        {
            var byScore = y.Score.CompareTo(x.Score);
            if (byScore != 0)
                return byScore;
            var byA = x.IndexA.CompareTo(y.IndexA);
            return byA != 0 ? byA : x.IndexB.CompareTo(y.IndexB);
        });

    /// <summary>Solves; the result is in acceptance order (score descending).</summary>
    public static List<CandidatePair> Solve(IEnumerable<CandidatePair> candidates)
    {
        var ordered = candidates.ToArray();
        SortForSolving(ordered);
        return SolveSorted(ordered);
    }

    /// <summary>Solves candidates already in <see cref="SortForSolving"/> order (sort once, solve many thresholds by prefix).</summary>
    public static List<CandidatePair> SolveSorted(ReadOnlySpan<CandidatePair> ordered)
    {
        var linkedA = new HashSet<int>();
        var linkedB = new HashSet<int>();
        var links = new List<CandidatePair>();
        foreach (var pair in ordered)
        {
            if (linkedA.Contains(pair.IndexA) || linkedB.Contains(pair.IndexB))
                continue;
            linkedA.Add(pair.IndexA);
            linkedB.Add(pair.IndexB);
            links.Add(pair);
        }
        return links;
    }
}
