namespace Sigur.Matching;

/// <summary>
/// Compares two prepared records under a model. Cheap fields (identifiers, date, sex) come first so that
/// a pair which can no longer reach the threshold is dropped before its names are compared.
/// </summary>
internal sealed class PairScorer
{
    private readonly FellegiSunterModel model;
    private readonly PersonFeatures[] records;
    private readonly int givenIndex, surnameIndex, firstNameIndex;
    /// <summary>Σ of the largest weights of fields f.. (and the names), for pruning.</summary>
    private readonly double[] bestRemaining;

    public PairScorer(FellegiSunterModel model, PersonFeatures[] records)
    {
        this.model = model;
        this.records = records;
        givenIndex = Array.IndexOf(model.Fields, ComparisonField.GivenName);
        surnameIndex = Array.IndexOf(model.Fields, ComparisonField.Surname);
        firstNameIndex = givenIndex >= 0 ? givenIndex : surnameIndex >= 0 ? surnameIndex : model.Fields.Length;
        bestRemaining = new double[model.Fields.Length + 1];
        if (model.MaxWeight.Length == model.Fields.Length)
            for (int f = model.Fields.Length - 1; f >= 0; f--) bestRemaining[f] = bestRemaining[f + 1] + model.MaxWeight[f];
    }

    /// <summary>All levels of the pair, in model field order.</summary>
    public void Levels(int a, int b, Span<byte> levels)
    {
        PersonFeatures x = records[a], y = records[b];
        for (int f = 0; f < firstNameIndex; f++) levels[f] = PairComparison.Level(model.Fields[f], x, y);
        if (givenIndex >= 0 || surnameIndex >= 0)
        {
            var (g, s, _) = PairComparison.Names(x, y);
            if (givenIndex >= 0) levels[givenIndex] = g;
            if (surnameIndex >= 0) levels[surnameIndex] = s;
        }
    }

    /// <summary>The match weight of the pair, or −∞ as soon as it cannot reach <paramref name="minimumWeight"/>.</summary>
    public double Weight(int a, int b, double minimumWeight = double.NegativeInfinity)
    {
        PersonFeatures x = records[a], y = records[b];
        double w = model.Prior;
        for (int f = 0; f < firstNameIndex; f++)
        {
            w += model.Weight(f, PairComparison.Level(model.Fields[f], x, y));
            if (w + bestRemaining[f + 1] < minimumWeight) return double.NegativeInfinity;
        }
        if (givenIndex < 0 && surnameIndex < 0) return w;
        // Surnames first: within a surname block they are mostly the same string, decided by reference, and
        // when they agree the names are not swapped, so the given name is compared once, if still worth it.
        if (surnameIndex >= 0 && givenIndex >= 0)
        {
            byte surname = PairComparison.Name(x.Surname, y.Surname, x.SurnameSound, y.SurnameSound);
            if (surname <= 1)
            {
                w += model.Weight(surnameIndex, surname) + (surname == 0 ? x.SurnameFrequencyAdjustment : 0);
                if (w + model.MaxWeight[givenIndex] < minimumWeight) return double.NegativeInfinity;
                byte given = PairComparison.Name(x.Given, y.Given, x.GivenSound, y.GivenSound);
                return w + model.Weight(givenIndex, given) + (given == 0 ? x.GivenFrequencyAdjustment : 0);
            }
        }
        var (g, s, swapped) = PairComparison.Names(x, y);
        if (givenIndex >= 0)
        {
            w += model.Weight(givenIndex, g);
            if (g == 0) w += swapped ? model.FrequencyAdjustment(ComparisonField.Surname, x.Given) : x.GivenFrequencyAdjustment;
        }
        if (surnameIndex >= 0)
        {
            w += model.Weight(surnameIndex, s);
            if (s == 0) w += swapped ? model.FrequencyAdjustment(ComparisonField.GivenName, x.Surname) : x.SurnameFrequencyAdjustment;
        }
        return w;
    }
}
