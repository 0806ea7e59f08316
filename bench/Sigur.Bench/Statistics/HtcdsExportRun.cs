using System.Diagnostics;
using System.Globalization;
using Sigur.Features.Statistics;

namespace Sigur.Bench.Statistics;

/// <summary>
/// `e2e htcds-export`: the k-anonymous record export's search (<see cref="GeneralisationLattice"/> over the seven
/// quasi-identifiers of `sigur export htcds`) on N generated victims, beside the fixed ladder of generalisations it
/// replaced (kept here, as it was, for the comparison) on the same data. Both are scored the same way afterwards, from
/// their output: records kept, classes, smallest class, and the Loss metric computed from how many recorded values
/// each written value stands for. No database: the export reads its victims first and then works in memory, which is
/// what is measured.
/// </summary>
public sealed class HtcdsExportRun : IEndToEndRun
{
    public string Name => "htcds-export";

    public Task<int> RunAsync(string[] args)
    {
        var records = 1_000_000;
        var ks = new List<int>();
        var limit = RecordExport.DefaultMaxSuppressedShare;
        for (var i = 0; i < args.Length; i++)
            switch (args[i])
            {
                case "--records": records = int.Parse(args[++i], NumberStyles.AllowThousands, CultureInfo.InvariantCulture); break;
                case "--k": ks.Add(int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--max-suppression": limit = double.Parse(args[++i], CultureInfo.InvariantCulture) / 100; break;
                default: Console.Error.WriteLine("options: --records N (1,000,000) --k K (repeatable; 5, 11 and 50) --max-suppression PERCENT (5)"); return Task.FromResult(2);
            }
        if (ks.Count == 0) ks = [5, 11, 50];

        var clock = Stopwatch.StartNew();
        var columns = Generate(records, 20261207);
        Console.Error.WriteLine($"generated {records:N0} victims in {clock.Elapsed.TotalSeconds:F1} s; distinct values per column: "
            + string.Join(", ", RecordExport.QuasiIdentifiers.Select((q, i) => $"{q} {columns[i].Distinct().Count()}")));
        var hierarchies = RecordExport.Hierarchies("MK");

        Console.WriteLine($"| method | k | time s | CPU s | records kept | left out | classes | smallest class | information loss | generalisation |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var k in ks)
        {
            var maxSuppressed = (int)Math.Floor(limit * records);
            GC.Collect();
            var (search, searchTime, searchCpu) = Timed(() => GeneralisationLattice.Search(hierarchies, columns, k, maxSuppressed));
            var searchOut = hierarchies.Select((h, q) => columns[q].Select(v => search.Levels[q] == h.Levels - 1 ? "" : h.Generalise(v, search.Levels[q])).ToArray()).ToArray();
            Report("lattice search", k, searchTime, searchCpu, columns, searchOut, search.SuppressedRows,
                string.Join(", ", hierarchies.Select((h, q) => $"{h.Column}: {h.LevelNames[search.Levels[q]]}"))
                + $" ({search.NodesEvaluated} of {search.NodesInLattice} nodes counted)", search.Loss);

            GC.Collect();
            var copy = columns.Select(c => (string[])c.Clone()).ToArray();
            var ((ladderOut, ladderSuppressed, steps), ladderTime, ladderCpu) = Timed(() => FixedLadder(copy, k, limit, "MK"));
            Report("fixed ladder (before)", k, ladderTime, ladderCpu, columns, ladderOut, ladderSuppressed, string.Join("; ", steps), null);
        }
        return Task.FromResult(0);
    }

    private static (T Value, double Seconds, double Cpu) Timed<T>(Func<T> work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var value = work();
        return (value, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
    }

    /// <summary>Scores an output the same way for both methods: classes over the written values, and the Loss metric of what each written value stands for.</summary>
    private static void Report(string method, int k, double seconds, double cpu, string[][] original, string[][] output, bool[] suppressed, string what, double? reported)
    {
        var rows = original[0].Length;
        var q = original.Length;
        var kept = suppressed.Count(s => !s);
        var classes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 0; r < rows; r++)
            if (!suppressed[r])
            {
                var key = string.Join('\u001f', output.Select(c => c[r]));
                classes[key] = classes.GetValueOrDefault(key) + 1;
            }
        var loss = (double)(rows - kept) * q;
        for (var c = 0; c < q; c++)
        {
            var domain = original[c].Distinct().Count();
            // Every recorded value a written value stands for; a column emptied entirely stands for them all.
            var removed = Enumerable.Range(0, rows).All(r => suppressed[r] || output[c][r] == "") && original[c].Any(v => v != "");
            var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            for (var r = 0; r < rows; r++)
            {
                if (!members.TryGetValue(output[c][r], out var set)) members[output[c][r]] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(original[c][r]);
            }
            for (var r = 0; r < rows; r++)
                if (!suppressed[r])
                    loss += removed ? 1 : domain <= 1 ? 0 : (members[output[c][r]].Count - 1) / (double)(domain - 1);
        }
        loss /= (double)rows * q;
        if (reported is { } r0 && Math.Abs(r0 - loss) > 1e-9) throw new InvalidOperationException($"the search reported loss {r0}, its output scores {loss}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {method} | {k} | {seconds:F2} | {cpu:F2} | {kept:N0} ({100.0 * kept / rows:F1} %) | {rows - kept:N0} | {classes.Count:N0} | {(classes.Count == 0 ? 0 : classes.Values.Min()):N0} | {loss:F3} | {what} |"));
        if (classes.Count > 0 && classes.Values.Min() < k) throw new InvalidOperationException($"{method}: a class smaller than k");
    }

    /// <summary>
    /// N victims over the seven quasi-identifiers, skewed as registers are: mostly women, mostly nationals exploited at
    /// home, a long tail of citizenships and countries, ages concentrated in the late teens and twenties, some unknowns.
    /// </summary>
    internal static string[][] Generate(int n, int seed)
    {
        var random = new Random(seed);
        string[] citizenships = ["MK", "AL", "RS", "XK", "BG", "UA", "MD", "RO", "BA", "ME", "TR", "SY", "AF", "PK", "GR", "DE", "NG", "CN", "IQ", "BD",
            "MA", "IR", "VN", "IN", "PH", "RU", "GE", "HU", "PL", "IT", "FR", "ER", "SO", "LY", "EG", "DZ", "TN", "SN", "GH", "CM"];
        string[] countries = ["MK", "DE", "GR", "AT", "IT", "RS", "AL", "XK", "CH", "TR", "BG", "NL", "FR", "ES", "GB", "SE", "BE", "CY", "HR", "SI",
            "AE", "QA", "RU", "PL", "CZ"];
        string[] regions = ["Skopje", "Kumanovo", "Tetovo", "Gostivar", "Ohrid", "Bitola", "Prilep", "Veles", "Shtip", "Strumica", "Gevgelija", "Kichevo"];
        string Zipf(string[] values, double home)
        {
            if (random.NextDouble() < home) return values[0];
            var i = (int)Math.Floor(Math.Pow(values.Length, random.NextDouble()));
            return values[Math.Min(i, values.Length - 1)];
        }
        var columns = RecordExport.QuasiIdentifiers.Select(_ => new string[n]).ToArray();
        for (var r = 0; r < n; r++)
        {
            columns[0][r] = random.Next(100) == 0 ? "" : (2010 + random.Next(16)).ToString(CultureInfo.InvariantCulture);
            var g = random.Next(100);
            columns[1][r] = g < 70 ? "Female" : g < 98 ? "Male" : g < 99 ? "Transgender/NonConforming" : "";
            int? age = random.Next(20) == 0 ? null : Math.Clamp((int)(random.NextDouble() * random.NextDouble() * 60) + 8, 3, 75);
            columns[2][r] = age is { } a ? CtdcLayout.AgeBroad(a) : "";
            columns[3][r] = age is { } b ? (b < 18 ? "Minor" : "Adult") : random.Next(3) == 0 ? "Minor" : "";
            columns[4][r] = random.Next(50) == 0 ? "" : Zipf(citizenships, 0.55);
            columns[5][r] = random.Next(30) == 0 ? "" : Zipf(countries, 0.6);
            columns[6][r] = random.Next(25) == 0 ? "" : regions[(int)Math.Min(regions.Length - 1, Math.Floor(random.NextDouble() * random.NextDouble() * regions.Length * 1.5))];
        }
        return columns;
    }

    /// <summary>
    /// The export as it was before the lattice search (RecordExport.Anonymise until December 2026), over columns: a fixed
    /// order of steps, each taken while more than the allowed share of records stand out; what still stands out is left out.
    /// </summary>
    internal static (string[][] Output, bool[] Suppressed, List<string> Steps) FixedLadder(string[][] columns, int k, double maxSuppressedShare, string reportingCountry)
    {
        const int age = 2, citizenship = 4, country = 5, region = 6;
        var rows = columns[0].Length;
        var steps = new List<string>();
        Func<string, string> RareToOther(int c)
        {
            var counts = columns[c].GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count());
            return v => v is "" || counts[v] >= k ? v : "Other";
        }
        static string Widen(string band) => CtdcLayout.LowestAge(band) switch { null => band, < 18 => "0--17", < 30 => "18--29", < 48 => "30--47", _ => "48+" };
        var ladder = new (string Description, int Column, Func<Func<string, string>> Map)[]
        {
            ("citizenships held by fewer than k records to Other", citizenship, () => RareToOther(citizenship)),
            ("countries of exploitation with fewer than k records to Other", country, () => RareToOther(country)),
            ("region removed", region, () => _ => ""),
            ("age bands widened", age, () => Widen),
            ("age band removed", age, () => _ => ""),
            ("citizenship to national or foreign", citizenship, () => v => v is "" || v == reportingCountry ? v : "Foreign"),
            ("country of exploitation to home or abroad", country, () => v => v is "" || v == reportingCountry ? v : "Abroad"),
        };
        bool[] Violating()
        {
            var keys = new string[rows];
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var r = 0; r < rows; r++)
            {
                keys[r] = string.Join('\u001f', columns.Select(c => c[r]));
                counts[keys[r]] = counts.GetValueOrDefault(keys[r]) + 1;
            }
            return [.. keys.Select(key => counts[key] < k)];
        }
        foreach (var (description, column, map) in ladder)
        {
            if (Violating().Count(v => v) <= maxSuppressedShare * rows) break;
            var f = map();
            var changed = 0;
            for (var r = 0; r < rows; r++)
            {
                var next = f(columns[column][r]);
                if (next != columns[column][r]) { columns[column][r] = next; changed++; }
            }
            if (changed > 0) steps.Add(description);
        }
        return (columns, Violating(), steps);
    }
}
