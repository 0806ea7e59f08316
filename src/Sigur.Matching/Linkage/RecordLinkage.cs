using System.Collections.Concurrent;

namespace Sigur.Matching;

/// <summary>A matched pair of record identifiers with the match probability.</summary>
public readonly record struct MatchedPair(string Id1, string Id2, double Score);

/// <summary>
/// Finding the same person twice: within one register (<see cref="Deduplicate"/>) or across two
/// (<see cref="Link"/>). Prepare features once → block → estimate m/u by EM on a sample of candidate
/// pairs → score every candidate pair → cluster (dedupe) or assign one-to-one (link).
/// </summary>
public static class RecordLinkage
{
    public static (List<MatchedPair> Pairs, MatchReport Report) Deduplicate(IReadOnlyList<PersonRecord> records, MatchSettings? settings = null)
    {
        settings ??= new MatchSettings();
        var features = Prepare(records, 0, settings);
        var (edges, report, scorer) = Score(features, linking: false, settings);
        settings.Progress?.Invoke("clustering", 0, 1);
        var clusters = PersonClusters.Build(features.Length, edges, settings.StrongLink, settings.MaxClusterSize);
        var edgeScores = new Dictionary<(int, int), double>();
        foreach (var e in edges) edgeScores[(Math.Min(e.A, e.B), Math.Max(e.A, e.B))] = e.Probability;
        var pairs = new List<MatchedPair>();
        foreach (var cluster in clusters)
        {
            for (int i = 0; i < cluster.Length; i++)
            for (int j = i + 1; j < cluster.Length; j++)
            {
                int a = cluster[i], b = cluster[j];
                // Pairs joined only through others are scored directly for the review queue.
                double p = edgeScores.TryGetValue((a, b), out var s) ? s : FellegiSunterModel.Probability(scorer.Weight(a, b));
                string ida = records[a].Id, idb = records[b].Id;
                pairs.Add(string.CompareOrdinal(ida, idb) < 0 ? new(ida, idb, p) : new(idb, ida, p));
            }
        }
        pairs.Sort((x, y) => string.CompareOrdinal(x.Id1, y.Id1) is var c && c != 0 ? c : string.CompareOrdinal(x.Id2, y.Id2));
        return (pairs, report);
    }

    public static (List<MatchedPair> Links, MatchReport Report) Link(IReadOnlyList<PersonRecord> left, IReadOnlyList<PersonRecord> right, MatchSettings? settings = null)
    {
        settings ??= new MatchSettings();
        var all = left.Concat(right).ToList();
        var features = Prepare(all, left.Count, settings);
        var (edges, report, _) = Score(features, linking: true, settings);
        // Blocks keep record indexes in ascending order, so A is always the left record.
        var links = OneToOneLinks.Assign(edges)
            .Select(e => new MatchedPair(all[e.A].Id, all[e.B].Id, e.Probability))
            .OrderBy(l => l.Id1, StringComparer.Ordinal).ThenBy(l => l.Id2, StringComparer.Ordinal)
            .ToList();
        return (links, report);
    }

    /// <summary>Features for every record; records from <paramref name="rightStart"/> on are the right side.</summary>
    private static PersonFeatures[] Prepare(IReadOnlyList<PersonRecord> records, int rightStart, MatchSettings settings)
    {
        var pool = new ValuePool();
        var features = new PersonFeatures[records.Count];
        long done = 0;
        Parallel.For(0, records.Count, i =>
        {
            var f = PersonFeatures.From(records[i], pool);
            if (rightStart > 0 && i >= rightStart) f.Side = 1;
            features[i] = f;
            long d = Interlocked.Increment(ref done);
            if (d % 50_000 == 0) settings.Progress?.Invoke("preparing", d, records.Count);
        });
        settings.Progress?.Invoke("preparing", records.Count, records.Count);
        return features;
    }

    private static (List<ScoredPair>, MatchReport, PairScorer) Score(PersonFeatures[] records, bool linking, MatchSettings settings)
    {
        var fields = ComparisonFields.Present(records);
        var model = new FellegiSunterModel(fields) { Frequencies = new NameFrequencies(records) };
        settings.Progress?.Invoke("blocking", 0, 1);
        var blocks = new CandidateBlocks(records, settings.Rules, linking, settings.MaxBlockSize);
        var levelScorer = new PairScorer(model, records);

        settings.Progress?.Invoke("estimating m and u", 0, 1);
        var random = RandomPatterns(records, levelScorer, fields.Length, linking, settings);
        var trainingBlocks = new CandidateBlocks(records, settings.TrainingRules, linking, settings.MaxBlockSize);
        var training = RulePatterns(trainingBlocks, levelScorer, fields.Length, settings, includeCovered: true);
        var byRule = settings.TrainingRules.Select((r, i) => (r.Uses, (IReadOnlyDictionary<ulong, long>)training[i].Patterns)).ToList();
        var candidates = RulePatterns(blocks, levelScorer, fields.Length, settings, includeCovered: false);
        var candidatesByRule = settings.Rules.Select((r, i) => (r.Uses, (IReadOnlyDictionary<ulong, long>)candidates[i].Patterns, candidates[i].Pairs)).ToList();
        long left = records.Count(r => r.Side == 0);
        double allPairs = linking ? (double)left * (records.Length - left) : (double)records.Length * (records.Length - 1) / 2;
        ExpectationMaximisation.Estimate(model, byRule, candidatesByRule, random, allPairs);
        foreach (var r in records)
        {
            r.GivenFrequencyAdjustment = r.Given.Length == 0 ? 0 : model.FrequencyAdjustment(ComparisonField.GivenName, r.Given);
            r.SurnameFrequencyAdjustment = r.Surname.Length == 0 ? 0 : model.FrequencyAdjustment(ComparisonField.Surname, r.Surname);
        }

        var scorer = new PairScorer(model, records);
        double minimumWeight = FellegiSunterModel.WeightOf(settings.Threshold);
        long total = blocks.PairUpperBound(), done = 0, lastReported = 0;
        var perRule = new long[settings.Rules.Count];
        var found = new ConcurrentBag<List<ScoredPair>>();
        Parallel.For(0, blocks.Blocks.Count,
            () => (Pairs: new List<ScoredPair>(), Counts: new long[settings.Rules.Count]),
            (blockIndex, _, local) =>
            {
                local.Counts[blocks.Blocks[blockIndex].Rule] += scorer.ScoreBlock(blocks, blockIndex, minimumWeight, local.Pairs);
                long size = blocks.Blocks[blockIndex].Members.Length;
                long d = Interlocked.Add(ref done, size * (size - 1) / 2);
                long last = Interlocked.Read(ref lastReported);
                if (d - last > total / 200 && Interlocked.CompareExchange(ref lastReported, d, last) == last)
                    settings.Progress?.Invoke("scoring pairs", d, total);
                return local;
            },
            local =>
            {
                found.Add(local.Pairs);
                lock (perRule) for (int r = 0; r < perRule.Length; r++) perRule[r] += local.Counts[r];
            });
        settings.Progress?.Invoke("scoring pairs", total, total);
        var edges = found.SelectMany(p => p).OrderBy(p => p.A).ThenBy(p => p.B).ToList();
        var report = new MatchReport
        {
            Records = records.Length,
            CandidatePairs = settings.Rules.Select((r, i) => (r.Name, perRule[i], blocks.OversizeBlocks[i])).ToList(),
            Model = model,
            PairsAboveThreshold = edges.Count,
        };
        return (edges, report, scorer);
    }

    /// <summary>Comparison patterns of random pairs (almost all non-matches): the starting u.</summary>
    private static Dictionary<ulong, long> RandomPatterns(PersonFeatures[] records, PairScorer scorer, int fieldCount, bool linking, MatchSettings settings)
    {
        var counts = new Dictionary<ulong, long>();
        var rng = new Random(settings.Seed);
        int left = linking ? records.Count(r => r.Side == 0) : records.Length;
        int n = records.Length;
        if (n < 2 || (linking && (left == 0 || left == n))) return counts;
        Span<byte> levels = stackalloc byte[fieldCount];
        for (int k = 0; k < settings.RandomPairs; k++)
        {
            int a, b;
            if (linking) { a = rng.Next(left); b = left + rng.Next(n - left); }
            else { a = rng.Next(n); b = rng.Next(n - 1); if (b >= a) b++; }
            scorer.Levels(a, b, levels);
            var p = ExpectationMaximisation.Pattern(levels);
            counts[p] = counts.GetValueOrDefault(p) + 1;
        }
        return counts;
    }

    /// <summary>
    /// For each rule, the comparison patterns of its pairs and how many pairs it has: every pair of a rule with
    /// at most <see cref="MatchSettings.EstimationPairs"/> of them, else that many drawn at random (the count is
    /// then estimated). With <paramref name="includeCovered"/> false, only the pairs each rule is the first to
    /// produce: each candidate pair once.
    /// </summary>
    private static (Dictionary<ulong, long> Patterns, double Pairs)[] RulePatterns(CandidateBlocks blocks, PairScorer scorer, int fieldCount, MatchSettings settings, bool includeCovered)
    {
        var result = new (Dictionary<ulong, long>, double)[blocks.Rules.Count];
        for (int rule = 0; rule < blocks.Rules.Count; rule++)
        {
            var merged = new Dictionary<ulong, long>();
            Func<Dictionary<ulong, long>> start = () => [];
            Action<Dictionary<ulong, long>> finish = local =>
            {
                lock (merged) foreach (var (p, c) in local) merged[p] = merged.GetValueOrDefault(p) + c;
            };
            long upper = blocks.PairUpperBound(rule);
            if (upper <= settings.EstimationPairs)
            {
                int r = rule;
                Parallel.For(0, blocks.Blocks.Count, start, (blockIndex, _, local) =>
                {
                    if (blocks.Blocks[blockIndex].Rule != r) return local;
                    blocks.ForEachPair(blockIndex, ref local, includeCovered, (ref patterns, a, b) => Count(patterns, scorer, fieldCount, a, b));
                    return local;
                }, finish);
                result[rule] = (merged, merged.Values.Sum());
            }
            else
            {
                long visited = blocks.SamplePairs(rule, settings.EstimationPairs, settings.Seed, includeCovered, start,
                    (ref patterns, a, b) => Count(patterns, scorer, fieldCount, a, b), finish);
                result[rule] = (merged, (double)upper * visited / settings.EstimationPairs);
            }
        }
        return result;

        static void Count(Dictionary<ulong, long> patterns, PairScorer scorer, int fieldCount, int a, int b)
        {
            Span<byte> levels = stackalloc byte[fieldCount];
            scorer.Levels(a, b, levels);
            var p = ExpectationMaximisation.Pattern(levels);
            patterns[p] = patterns.GetValueOrDefault(p) + 1;
        }
    }
}
