namespace Sigur.Matching;

/// <summary>
/// How common each given name and surname is in the data being matched, for the term-frequency
/// adjustment: agreeing on value v is worth log₂(ū / f(v)) bits more than an average agreement, where
/// f(v) is the share of records with v and ū = Σ f(v)² the chance that two random records agree at all.
/// </summary>
public sealed class NameFrequencies
{
    private readonly Dictionary<string, double> given, surname;
    private readonly double givenAverage, surnameAverage;

    public NameFrequencies(IReadOnlyList<PersonFeatures> records)
    {
        (given, givenAverage) = Count(records.Select(r => r.Given));
        (surname, surnameAverage) = Count(records.Select(r => r.Surname));
        givenCount = records.Count(r => r.Given.Length > 0);
        surnameCount = records.Count(r => r.Surname.Length > 0);
    }

    private static (Dictionary<string, double>, double) Count(IEnumerable<string> values)
    {
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        long total = 0;
        foreach (var v in values)
        {
            if (v.Length == 0) continue;
            counts[v] = counts.GetValueOrDefault(v) + 1;
            total++;
        }
        double average = 0;
        foreach (var key in counts.Keys.ToList())
        {
            double f = counts[key] / Math.Max(1, total);
            counts[key] = f;
            average += f * f;
        }
        return (counts, average);
    }

    /// <summary>Below this many names, frequencies are noise (two "Rahimi" in five records are not a common name).</summary>
    private const int MinimumNames = 200;
    private readonly int givenCount, surnameCount;

    public double Adjustment(ComparisonField field, string value)
    {
        if ((field == ComparisonField.GivenName ? givenCount : surnameCount) < MinimumNames) return 0;
        var (table, average) = field == ComparisonField.GivenName ? (given, givenAverage) : (surname, surnameAverage);
        return table.TryGetValue(value, out var f) && f > 0 ? Math.Log2(average / f) : 0;
    }
}
