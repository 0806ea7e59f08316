namespace Sigur.Matching;

/// <summary>
/// A Fellegi–Sunter model: for each compared field and agreement level, m = P(level | same person) and
/// u = P(level | different persons), and λ, the share of candidate pairs that are matches. A pair's match
/// weight is log₂(λ/(1−λ)) + Σ log₂(m/u) (missing fields add nothing), plus a term-frequency adjustment
/// when names agree exactly: agreeing on "Jovanović" says less than agreeing on "Đerekarac".
/// </summary>
public sealed class FellegiSunterModel
{
    public ComparisonField[] Fields { get; }
    public double[][] M { get; }
    public double[][] U { get; }
    public double Lambda { get; internal set; }

    /// <summary>log₂(m/u) per field and level, refreshed by <see cref="Freeze"/>.</summary>
    internal double[][] Weights { get; private set; } = [];
    internal double Prior { get; private set; }
    /// <summary>The largest weight a field can add (for pruning pairs that cannot reach the threshold).</summary>
    internal double[] MaxWeight { get; private set; } = [];

    public NameFrequencies? Frequencies { get; set; }

    /// <summary>Bound of the term-frequency adjustment, in bits: a very rare name is still only a name.</summary>
    public const double MaxFrequencyAdjustment = 4.0;

    public FellegiSunterModel(ComparisonField[] fields)
    {
        Fields = fields;
        M = fields.Select(f => new double[ComparisonFields.LevelCount(f)]).ToArray();
        U = fields.Select(f => new double[ComparisonFields.LevelCount(f)]).ToArray();
        Lambda = 0.01;
    }

    internal void Freeze()
    {
        Weights = new double[Fields.Length][];
        MaxWeight = new double[Fields.Length];
        for (int f = 0; f < Fields.Length; f++)
        {
            Weights[f] = new double[M[f].Length];
            for (int l = 0; l < M[f].Length; l++) Weights[f][l] = Math.Log2(M[f][l] / U[f][l]);
            // Full agreement never counts against a pair, full disagreement never for it.
            Weights[f][0] = Math.Max(Weights[f][0], 0);
            Weights[f][^1] = Math.Min(Weights[f][^1], 0);
            // Sex and citizenship follow from the names (Jelena is a woman, -ovski is Macedonian): agreeing on
            // them as well as on the names is not new evidence, while disagreeing still is.
            if (Fields[f] is ComparisonField.Sex or ComparisonField.Citizenship) Weights[f][0] = 0;
            MaxWeight[f] = Math.Max(0, Weights[f].Max());
            if (Fields[f] is ComparisonField.GivenName or ComparisonField.Surname) MaxWeight[f] += MaxFrequencyAdjustment;
        }
        Prior = Math.Log2(Lambda / (1 - Lambda));
    }

    public double Weight(int fieldIndex, byte level) => level == PairComparison.Missing ? 0 : Weights[fieldIndex][level];

    /// <summary>Extra bits for exact agreement on a name value, relative to the average name.</summary>
    public double FrequencyAdjustment(ComparisonField field, string value)
    {
        if (Frequencies is null) return 0;
        double adj = Frequencies.Adjustment(field, value);
        return Math.Clamp(adj, -MaxFrequencyAdjustment, MaxFrequencyAdjustment);
    }

    public static double Probability(double weight) => 1.0 / (1.0 + Math.Pow(2, -weight));

    public static double WeightOf(double probability) => Math.Log2(probability / (1 - probability));
}
