namespace Sigur.Matching;

/// <summary>
/// Estimates the Fellegi–Sunter model without training labels, the way Splink does:
/// u from random pairs (almost all non-matches), held fixed; m by EM on the candidate pairs of each
/// blocking rule, leaving out the fields that rule blocks on (pairs from a surname block all agree on the
/// surname whatever their status, so they cannot tell how often true matches do); the rules' m are
/// pooled; last, λ by EM with m and u fixed. Letting EM move u too goes wrong under blocking: it then
/// "learns" that non-matches agree on surnames. Works on counts of distinct comparison patterns.
/// </summary>
public static class ExpectationMaximisation
{
    /// <summary>A comparison pattern: 4 bits per field, in model field order (15 = missing).</summary>
    public static ulong Pattern(ReadOnlySpan<byte> levels)
    {
        ulong p = 0;
        for (int f = 0; f < levels.Length; f++) p |= (ulong)levels[f] << (4 * f);
        return p;
    }

    public static byte LevelOf(ulong pattern, int field) => (byte)((pattern >> (4 * field)) & 0xF);

    /// <summary>Pseudo-pairs mixed into u and m so that a small register still gives a sensible model.</summary>
    private const double PriorPairs = 20;

    /// <param name="model">Receives m, u, λ and is frozen for scoring.</param>
    /// <param name="byRule">For each blocking rule, the fields it blocks on and the patterns of its (sampled) pairs.</param>
    /// <param name="distinctCandidates">Patterns of the (sampled) candidate pairs, each pair once.</param>
    /// <param name="randomPatterns">Patterns of random pairs.</param>
    /// <param name="candidatesPerSampled">How many candidate pairs each sampled pattern count stands for (1 when not sampled).</param>
    /// <param name="allPairs">Every pair the register(s) could form: n(n−1)/2, or left × right.</param>
    public static void Estimate(FellegiSunterModel model, IReadOnlyList<(ComparisonField[] Uses, IReadOnlyDictionary<ulong, long> Patterns)> byRule,
        IReadOnlyDictionary<ulong, long> distinctCandidates, IReadOnlyDictionary<ulong, long> randomPatterns, double candidatesPerSampled, double allPairs, int iterations = 50)
    {
        EstimateMAndU(model, byRule, randomPatterns, iterations);
        int fields = model.Fields.Length;
        // The expected number of matches among the candidates (every field counted) fixes λ for any pair:
        // u comes from random pairs, so the prior must be that of a random pair too, not of a candidate pair,
        // or a coincidence on one strong field (the same date of birth) outweighs different names.
        var all = distinctCandidates;
        var allActive = Enumerable.Repeat(true, fields).ToArray();
        double lam = 0.1;
        for (int it = 0; it < iterations && all.Count > 0; it++)
            (lam, _) = Step(model, model.M, lam, all, allActive, updateM: false);
        double sampled = all.Values.Sum();
        double expectedMatches = lam * sampled * candidatesPerSampled;
        model.Lambda = Math.Clamp(expectedMatches / Math.Max(1, allPairs), 1e-12, 0.5);
        model.Freeze();
    }

    /// <summary>
    /// As above, with λ counted rule by rule: the expected matches among the pairs each prediction rule is the
    /// first to produce, by EM on those pairs with the fields the rule blocks on left out. Within a surname
    /// block two different people agree on the surname far more often than u (from random pairs) says, so
    /// counting that agreement as evidence takes the block's namesakes for matches: on a million records λ came
    /// out 80 times too high and same-surname, same-year people passed for the same person.
    /// </summary>
    /// <param name="candidatesByRule">Per prediction rule: the fields it blocks on, the patterns of (a sample of)
    /// the pairs it is the first to produce, and how many such pairs there are.</param>
    public static void Estimate(FellegiSunterModel model, IReadOnlyList<(ComparisonField[] Uses, IReadOnlyDictionary<ulong, long> Patterns)> byRule,
        IReadOnlyList<(ComparisonField[] Uses, IReadOnlyDictionary<ulong, long> Patterns, double Pairs)> candidatesByRule,
        IReadOnlyDictionary<ulong, long> randomPatterns, double allPairs, int iterations = 50)
    {
        EstimateMAndU(model, byRule, randomPatterns, iterations);
        double expectedMatches = 0;
        foreach (var (uses, patterns, pairs) in candidatesByRule)
        {
            if (patterns.Count == 0 || pairs <= 0) continue;
            var active = model.Fields.Select(f => !uses.Contains(f)).ToArray();
            double lam = 0.01;
            for (int it = 0; it < iterations; it++)
                (lam, _) = Step(model, model.M, lam, patterns, active, updateM: false);
            expectedMatches += lam * pairs;
        }
        model.Lambda = Math.Clamp(expectedMatches / Math.Max(1, allPairs), 1e-12, 0.5);
        model.Freeze();
    }

    /// <summary>u from random pairs; m by EM per training rule, pooled.</summary>
    private static void EstimateMAndU(FellegiSunterModel model, IReadOnlyList<(ComparisonField[] Uses, IReadOnlyDictionary<ulong, long> Patterns)> byRule,
        IReadOnlyDictionary<ulong, long> randomPatterns, int iterations)
    {
        int fields = model.Fields.Length;
        var startM = new double[fields][];
        for (int f = 0; f < fields; f++)
        {
            var counts = new double[model.U[f].Length];
            foreach (var (pattern, count) in randomPatterns)
            {
                byte l = LevelOf(pattern, f);
                if (l != PairComparison.Missing) counts[l] += count;
            }
            var prior = DefaultU(counts.Length);
            double total = counts.Sum() + PriorPairs;
            for (int l = 0; l < counts.Length; l++) model.U[f][l] = (counts[l] + PriorPairs * prior[l]) / total;
            startM[f] = DefaultM(counts.Length);
        }

        // Pool each rule's m, weighted by the expected number of matches it saw for the field.
        var pooled = startM.Select(m => m.Select(v => v * PriorPairs).ToArray()).ToArray();
        foreach (var (uses, patterns) in byRule)
        {
            if (patterns.Count == 0) continue;
            var active = model.Fields.Select(f => !uses.Contains(f)).ToArray();
            var m = startM.Select(a => (double[])a.Clone()).ToArray();
            // Start from few matches: in big blocks true pairs are rare, and a large start lets EM settle on
            // some other split of the pairs (by origin, by sex) instead of same person / different person.
            double lambda = 0.01;
            double[][] evidence = [];
            for (int it = 0; it < iterations; it++)
            {
                (lambda, evidence) = Step(model, m, lambda, patterns, active, updateM: true);
            }
            for (int f = 0; f < fields; f++)
                if (active[f]) for (int l = 0; l < m[f].Length; l++) pooled[f][l] += evidence[f][l];
        }
        for (int f = 0; f < fields; f++)
        {
            double sum = pooled[f].Sum();
            for (int l = 0; l < pooled[f].Length; l++) model.M[f][l] = Math.Max(pooled[f][l] / sum, 1e-4);
            double renorm = model.M[f].Sum();
            for (int l = 0; l < pooled[f].Length; l++) model.M[f][l] /= renorm;
        }
    }

    /// <summary>One EM iteration; returns the new λ and the expected match counts per field and level.</summary>
    private static (double Lambda, double[][] Evidence) Step(FellegiSunterModel model, double[][] m, double lambda,
        IReadOnlyDictionary<ulong, long> patterns, bool[] active, bool updateM)
    {
        int fields = model.Fields.Length;
        var acc = m.Select(a => new double[a.Length]).ToArray();
        double matches = 0, total = 0;
        double logLambda = Math.Log(lambda), logNon = Math.Log(1 - lambda);
        foreach (var (pattern, count) in patterns)
        {
            double lm = logLambda, lu = logNon;
            for (int f = 0; f < fields; f++)
            {
                byte l = LevelOf(pattern, f);
                if (l == PairComparison.Missing || !active[f]) continue;
                lm += Math.Log(m[f][l]);
                lu += Math.Log(model.U[f][l]);
            }
            double g = 1.0 / (1.0 + Math.Exp(lu - lm));
            matches += g * count;
            total += count;
            for (int f = 0; f < fields; f++)
            {
                byte l = LevelOf(pattern, f);
                if (l != PairComparison.Missing && active[f]) acc[f][l] += g * count;
            }
        }
        if (updateM)
        {
            for (int f = 0; f < fields; f++)
            {
                if (!active[f]) continue;
                double sum = acc[f].Sum() + PriorPairs;
                if (sum <= 0) continue;
                var prior = DefaultM(m[f].Length);
                for (int l = 0; l < m[f].Length; l++) m[f][l] = Math.Max((acc[f][l] + PriorPairs * prior[l]) / sum, 1e-4);
            }
        }
        return (total == 0 ? lambda : Math.Clamp(matches / total, 1e-6, 1 - 1e-6), acc);
    }

    /// <summary>Prior m: most true pairs agree; the rest spread over weaker levels, halving each step.</summary>
    private static double[] DefaultM(int levels)
    {
        var m = new double[levels];
        m[0] = 0.9;
        double share = 0;
        for (int l = 1; l < levels; l++) share += Math.Pow(0.5, l);
        for (int l = 1; l < levels; l++) m[l] = 0.1 * Math.Pow(0.5, l) / share;
        return m;
    }

    /// <summary>Prior u: two different people agree fully 1 % of the time and mostly disagree.</summary>
    private static double[] DefaultU(int levels)
    {
        var u = new double[levels];
        u[0] = 0.01;
        u[^1] = levels == 2 ? 0.99 : 0.9;
        for (int l = 1; l < levels - 1; l++) u[l] = 0.09 / (levels - 2);
        return u;
    }
}
