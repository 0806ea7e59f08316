namespace Sigur.Matching;

/// <summary>
/// Estimates m, u and λ without training labels (Winkler's EM for the Fellegi–Sunter model under
/// conditional independence). Works on counts of distinct comparison patterns, so a million candidate
/// pairs with a few hundred distinct patterns cost a few hundred operations per iteration.
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

    /// <summary>
    /// Starts from u measured on random pairs (<paramref name="randomPatterns"/>) and m favouring agreement,
    /// then iterates on the candidate-pair patterns.
    /// </summary>
    public static void Estimate(FellegiSunterModel model, IReadOnlyDictionary<ulong, long> candidatePatterns,
        IReadOnlyDictionary<ulong, long> randomPatterns, int iterations = 60)
    {
        int fields = model.Fields.Length;
        // u from random pairs, which are almost all non-matches; half a count of smoothing keeps every level possible.
        for (int f = 0; f < fields; f++)
        {
            var counts = new double[model.U[f].Length];
            foreach (var (pattern, count) in randomPatterns)
            {
                byte l = LevelOf(pattern, f);
                if (l != PairComparison.Missing) counts[l] += count;
            }
            double total = counts.Sum() + 0.5 * counts.Length;
            for (int l = 0; l < counts.Length; l++) model.U[f][l] = (counts[l] + 0.5) / total;
            // m: most true pairs agree; the rest spread over weaker levels.
            int levels = model.M[f].Length;
            model.M[f][0] = 0.9;
            double rest = 0.1, share = 0;
            for (int l = 1; l < levels; l++) share += Math.Pow(0.5, l);
            for (int l = 1; l < levels; l++) model.M[f][l] = rest * Math.Pow(0.5, l) / share;
        }
        model.Lambda = 0.1;

        var patterns = candidatePatterns.ToArray();
        var mAcc = model.M.Select(a => new double[a.Length]).ToArray();
        var uAcc = model.U.Select(a => new double[a.Length]).ToArray();
        for (int it = 0; it < iterations; it++)
        {
            foreach (var a in mAcc) Array.Clear(a);
            foreach (var a in uAcc) Array.Clear(a);
            double matches = 0, total = 0;
            double logLambda = Math.Log(model.Lambda), logNon = Math.Log(1 - model.Lambda);
            foreach (var (pattern, count) in patterns)
            {
                double lm = logLambda, lu = logNon;
                for (int f = 0; f < fields; f++)
                {
                    byte l = LevelOf(pattern, f);
                    if (l == PairComparison.Missing) continue;
                    lm += Math.Log(model.M[f][l]);
                    lu += Math.Log(model.U[f][l]);
                }
                double g = 1.0 / (1.0 + Math.Exp(lu - lm));
                matches += g * count;
                total += count;
                for (int f = 0; f < fields; f++)
                {
                    byte l = LevelOf(pattern, f);
                    if (l == PairComparison.Missing) continue;
                    mAcc[f][l] += g * count;
                    uAcc[f][l] += (1 - g) * count;
                }
            }
            if (total == 0) break;
            double lambda = Math.Clamp(matches / total, 1e-6, 1 - 1e-6);
            double change = Math.Abs(lambda - model.Lambda);
            model.Lambda = lambda;
            for (int f = 0; f < fields; f++)
            {
                Normalise(mAcc[f], model.M[f], 1e-3);
                Normalise(uAcc[f], model.U[f], 1e-6);
            }
            if (change < 1e-7 && it > 5) break;
        }
        model.Freeze();
    }

    private static void Normalise(double[] accumulated, double[] target, double floor)
    {
        double sum = accumulated.Sum();
        if (sum <= 0) return;
        for (int l = 0; l < target.Length; l++) target[l] = Math.Max(accumulated[l] / sum, floor);
        double renorm = target.Sum();
        for (int l = 0; l < target.Length; l++) target[l] /= renorm;
    }
}
