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
        var training = SampledCandidatePatterns(trainingBlocks, levelScorer, fields.Length, settings, everyPair: true);
        var byRule = settings.TrainingRules.Select((r, i) => (r.Uses, (IReadOnlyDictionary<ulong, long>)training[i])).ToList();
        var distinct = new Dictionary<ulong, long>();
        foreach (var first in SampledCandidatePatterns(blocks, levelScorer, fields.Length, settings, everyPair: false))
            foreach (var (p, c) in first) distinct[p] = distinct.GetValueOrDefault(p) + c;
        long upper = Math.Max(1, blocks.PairUpperBound());
        double perSampled = upper <= settings.EstimationPairs ? 1.0 : (double)upper / settings.EstimationPairs;
        long left = records.Count(r => r.Side == 0);
        double allPairs = linking ? (double)left * (records.Length - left) : (double)records.Length * (records.Length - 1) / 2;
        ExpectationMaximisation.Estimate(model, byRule, distinct, random, perSampled, allPairs);
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
                var state = (scorer, minimumWeight, local.Pairs, Count: 0L);
                blocks.ForEachPair(blockIndex, ref state, static (ref s, a, b) =>
                {
                    s.Count++;
                    double w = s.scorer.Weight(a, b, s.minimumWeight);
                    if (w >= s.minimumWeight) s.Pairs.Add(new ScoredPair(a, b, FellegiSunterModel.Probability(w)));
                });
                local.Counts[blocks.Blocks[blockIndex].Rule] += state.Count;
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
    /// Patterns of a deterministic sample of candidate pairs (all of them for small registers), by rule:
    /// every pair of each rule, or only the pairs each rule is the first to produce (each candidate once).
    /// </summary>
    private static Dictionary<ulong, long>[] SampledCandidatePatterns(CandidateBlocks blocks, PairScorer scorer, int fieldCount, MatchSettings settings, bool everyPair)
    {
        long upper = Math.Max(1, blocks.PairUpperBound());
        ulong cut = upper <= settings.EstimationPairs ? ulong.MaxValue : (ulong)((double)settings.EstimationPairs / upper * ulong.MaxValue);
        int rules = blocks.Rules.Count;
        var merged = Enumerable.Range(0, rules).Select(_ => new Dictionary<ulong, long>()).ToArray();
        Parallel.For(0, blocks.Blocks.Count,
            () => Enumerable.Range(0, rules).Select(_ => new Dictionary<ulong, long>()).ToArray(),
            (blockIndex, _, locals) =>
            {
                int rule = blocks.Blocks[blockIndex].Rule;
                var state = (scorer, cut, local: locals[rule], fieldCount);
                blocks.ForEachPair(blockIndex, ref state, includeCovered: everyPair, static (ref s, a, b) =>
                {
                    if (Mix(a, b) > s.cut) return;
                    Span<byte> levels = stackalloc byte[s.fieldCount];
                    s.scorer.Levels(a, b, levels);
                    var p = ExpectationMaximisation.Pattern(levels);
                    s.local[p] = s.local.GetValueOrDefault(p) + 1;
                });
                return locals;
            },
            locals =>
            {
                lock (merged)
                    for (int r = 0; r < locals.Length; r++)
                        foreach (var (p, c) in locals[r]) merged[r][p] = merged[r].GetValueOrDefault(p) + c;
            });
        return merged;
    }

    /// <summary>A well-spread hash of a pair, for sampling without a random generator shared between threads.</summary>
    private static ulong Mix(int a, int b)
    {
        ulong x = ((ulong)(uint)a << 32) | (uint)b;
        x ^= x >> 33; x *= 0xFF51AFD7ED558CCDUL; x ^= x >> 33; x *= 0xC4CEB9FE1A85EC53UL; x ^= x >> 33;
        return x;
    }
}
