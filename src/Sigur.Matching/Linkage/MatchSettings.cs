namespace Sigur.Matching;

/// <summary>Knobs of a deduplication or linkage run; the defaults suit person registers.</summary>
public sealed class MatchSettings
{
    /// <summary>Match probability from which a pair is judged a match.</summary>
    public double Threshold { get; init; } = 0.5;
    /// <summary>In a cluster of three or more, a bridging pair below this probability is cut.</summary>
    public double StrongLink { get; init; } = 0.99;
    public int MaxClusterSize { get; init; } = 50;
    /// <summary>Blocks larger than this are skipped (and reported): they would cost more than they find.</summary>
    public int MaxBlockSize { get; init; } = 10_000;
    /// <summary>
    /// Candidate pairs per blocking rule sampled to estimate the model (a rule with fewer gives all of its pairs);
    /// the full set is only scored.
    /// </summary>
    public int EstimationPairs { get; init; } = 500_000;
    /// <summary>Random pairs whose agreement rates start u.</summary>
    public int RandomPairs { get; init; } = 200_000;
    public int Seed { get; init; } = 20240501;
    public IReadOnlyList<BlockingRule> Rules { get; init; } = BlockingRules.Default;
    /// <summary>Rules whose pairs estimate m; see <see cref="BlockingRules.Training"/>.</summary>
    public IReadOnlyList<BlockingRule> TrainingRules { get; init; } = BlockingRules.Training;
    /// <summary>Called from worker threads with (stage, done, total); keep it cheap and thread-safe.</summary>
    public Action<string, long, long>? Progress { get; init; }
}

/// <summary>What a run did: candidate pairs per rule, the estimated model, how many pairs matched.</summary>
public sealed class MatchReport
{
    public int Records { get; init; }
    public required IReadOnlyList<(string Rule, long Pairs, long OversizeBlocks)> CandidatePairs { get; init; }
    public long TotalCandidatePairs => CandidatePairs.Sum(c => c.Pairs);
    public double CandidatePairsPerRecord => Records == 0 ? 0 : (double)TotalCandidatePairs / Records;
    public required FellegiSunterModel Model { get; init; }
    public long PairsAboveThreshold { get; init; }

    public IEnumerable<string> Lines()
    {
        yield return $"records: {Records:N0}";
        foreach (var (rule, pairs, oversize) in CandidatePairs)
            yield return $"blocking '{rule}': {pairs:N0} candidate pairs" + (oversize > 0 ? $" ({oversize} oversize blocks skipped)" : "");
        yield return $"candidate pairs: {TotalCandidatePairs:N0} ({CandidatePairsPerRecord:N1} per record)";
        yield return $"estimated probability that two random records match λ = {Model.Lambda:G3}";
        for (int f = 0; f < Model.Fields.Length; f++)
        {
            var levels = Enumerable.Range(0, Model.M[f].Length)
                .Select(l => $"{ComparisonFields.LevelName(Model.Fields[f], l)} m={Model.M[f][l]:0.###} u={Model.U[f][l]:0.####}");
            yield return $"  {Model.Fields[f]}: " + string.Join("; ", levels);
        }
        yield return $"pairs above threshold: {PairsAboveThreshold:N0}";
    }
}
