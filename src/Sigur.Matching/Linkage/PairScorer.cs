using System.Buffers;

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
    private readonly int dateIndex;
    /// <summary>Weight of each date agreement level (Missing last, 0).</summary>
    private readonly double[] dateWeights = new double[(int)DateAgreement.Missing + 1];
    /// <summary>
    /// By the set of fields both records fill (bit f for model field f): the prior plus the most every field but the
    /// date can add. Most records have no personal ID, and a bound that counted one would prune nothing.
    /// </summary>
    private readonly double[] bestWithoutDate = [];
    /// <summary>Per record, the model fields it fills.</summary>
    private readonly ushort[] filled = [];

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
        dateIndex = Array.IndexOf(model.Fields, ComparisonField.BirthDate);
        if (dateIndex >= 0 && model.MaxWeight.Length == model.Fields.Length)
        {
            for (int l = 0; l < (int)DateAgreement.Missing; l++) dateWeights[l] = model.Weight(dateIndex, (byte)l);
            int fields = model.Fields.Length;
            bestWithoutDate = new double[1 << fields];
            for (int mask = 0; mask < bestWithoutDate.Length; mask++)
            {
                double best = model.Prior;
                for (int f = 0; f < fields; f++) if (f != dateIndex && (mask & (1 << f)) != 0) best += model.MaxWeight[f];
                bestWithoutDate[mask] = best;
            }
            filled = new ushort[records.Length];
            Parallel.For(0, records.Length, i =>
            {
                int mask = 0;
                for (int f = 0; f < fields; f++) if (ComparisonFields.HasValue(model.Fields[f], records[i])) mask |= 1 << f;
                filled[i] = (ushort)mask;
            });
        }
    }

    /// <summary>
    /// Scores every pair of one block that its rule is the first to produce, adding those that reach
    /// <paramref name="minimumWeight"/> to <paramref name="found"/>; returns how many pairs that was. The
    /// block's dates, sides and earlier-rule keys are first copied side by side, and a pair whose dates alone rule
    /// it out (most of them, with a prior for a million records) is dropped without touching anything else.
    /// </summary>
    public long ScoreBlock(CandidateBlocks blocks, int blockIndex, double minimumWeight, List<ScoredPair> found)
    {
        var (rule, members) = blocks.Blocks[blockIndex];
        int n = members.Length;
        bool linking = blocks.Linking, byDate = dateIndex >= 0;
        var births = ArrayPool<BirthDate>.Shared.Rent(n);
        var sides = ArrayPool<byte>.Shared.Rent(n);
        var masks = ArrayPool<ushort>.Shared.Rent(n);
        var earlier = ArrayPool<ulong>.Shared.Rent(Math.Max(1, n * rule));
        for (int i = 0; i < n; i++)
        {
            var r = records[members[i]];
            births[i] = r.Birth;
            sides[i] = r.Side;
            if (byDate) masks[i] = filled[members[i]];
            for (int e = 0; e < rule; e++) earlier[i * rule + e] = blocks.Key(members[i], e);
        }
        long count = 0;
        for (int i = 0; i < n; i++)
        {
            var birth = births[i];
            byte side = sides[i];
            int mask = masks[i];
            for (int j = i + 1; j < n; j++)
            {
                if (linking && sides[j] == side) continue;
                if (rule > 0 && SharesEarlierKey(earlier, i, j, rule)) continue;
                count++;
                if (byDate && dateWeights[(int)BirthDateComparison.Compare(birth, births[j])] + bestWithoutDate[mask & masks[j]] < minimumWeight) continue;
                double w = Weight(members[i], members[j], minimumWeight);
                if (w >= minimumWeight) found.Add(new ScoredPair(members[i], members[j], FellegiSunterModel.Probability(w)));
            }
        }
        ArrayPool<BirthDate>.Shared.Return(births);
        ArrayPool<byte>.Shared.Return(sides);
        ArrayPool<ushort>.Shared.Return(masks);
        ArrayPool<ulong>.Shared.Return(earlier);
        return count;
    }

    private static bool SharesEarlierKey(ulong[] earlier, int i, int j, int rules)
    {
        for (int e = 0; e < rules; e++)
        {
            ulong k = earlier[i * rules + e];
            if (k != 0 && k == earlier[j * rules + e]) return true;
        }
        return false;
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
