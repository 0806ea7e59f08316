using BenchmarkDotNet.Attributes;
using Sigur.Matching;

namespace Sigur.Bench.Matching;

/// <summary>
/// Sigur's string comparators against F23.StringSimilarity on the same name pairs (folded Balkan names with
/// typing errors). Each operation compares all 1,000 pairs.
/// </summary>
[MemoryDiagnoser]
public class ComparatorBenchmarks
{
    private (string A, string B)[] pairs = [];
    private readonly F23.StringSimilarity.JaroWinkler f23JaroWinkler = new();
    private readonly F23.StringSimilarity.Levenshtein f23Levenshtein = new();
    private readonly F23.StringSimilarity.OptimalStringAlignment f23Osa = new();

    [GlobalSetup]
    public void Setup()
    {
        var names = BenchData.BalkanNames().Select(n => NameFolding.Fold(n.Name)).Where(n => n.Length > 0).Distinct().ToArray();
        var rng = new Random(1);
        pairs = Enumerable.Range(0, 1000).Select(i =>
        {
            string a = names[rng.Next(names.Length)];
            // Half the pairs are a name and a typo of it, half two different names.
            string b = i % 2 == 0 && a.Length > 3 ? a.Remove(rng.Next(a.Length), 1).Insert(rng.Next(a.Length - 1), "a") : names[rng.Next(names.Length)];
            return (a, b);
        }).ToArray();
    }

    [Benchmark(Baseline = true)]
    public double F23_JaroWinkler()
    {
        double s = 0;
        foreach (var (a, b) in pairs) s += f23JaroWinkler.Similarity(a, b);
        return s;
    }

    [Benchmark]
    public double Sigur_JaroWinkler()
    {
        double s = 0;
        foreach (var (a, b) in pairs) s += JaroWinkler.Similarity(a, b);
        return s;
    }

    [Benchmark]
    public double F23_Levenshtein()
    {
        double s = 0;
        foreach (var (a, b) in pairs) s += f23Levenshtein.Distance(a, b);
        return s;
    }

    [Benchmark]
    public double Sigur_Levenshtein()
    {
        double s = 0;
        foreach (var (a, b) in pairs) s += EditDistance.Levenshtein(a, b);
        return s;
    }

    [Benchmark]
    public double F23_OptimalStringAlignment()
    {
        double s = 0;
        foreach (var (a, b) in pairs) s += f23Osa.Distance(a, b);
        return s;
    }

    [Benchmark]
    public double Sigur_Damerau()
    {
        double s = 0;
        foreach (var (a, b) in pairs) s += EditDistance.Damerau(a, b);
        return s;
    }
}
