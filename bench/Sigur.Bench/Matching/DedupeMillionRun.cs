using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Sigur.Features.Duplicates;
using Sigur.Matching;

namespace Sigur.Bench.Matching;

/// <summary>
/// `e2e dedupe-1m [COUNT]`: a generated register of COUNT persons (default 1,000,000; 10 % second
/// registrations with typing errors, script switches, swapped names, partial dates) deduplicated end to end
/// by `sigur match dedupe` (CSV in, CSV out), then the same register by a Splink-style SQL pipeline in
/// DuckDB (blocking joins + jaro_winkler_similarity) fed with Sigur's normalised names. Prints time,
/// candidate pairs and precision/recall/F1 of both against the generator's truth.
/// </summary>
public sealed class DedupeMillionRun : IEndToEndRun
{
    public string Name => "dedupe-1m";

    public async Task<int> RunAsync(string[] args)
    {
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        int count = numbers.Length > 0 ? int.Parse(numbers[0], CultureInfo.InvariantCulture) : 1_000_000;
        bool withDuckDb = !args.Contains("--no-duckdb"), stages = args.Contains("--stages");
        var dir = Path.Combine(BenchData.RepositoryRoot(), "bench", "out", "dedupe-1m");
        Directory.CreateDirectory(dir);
        var input = Path.Combine(dir, "register.csv");
        var output = Path.Combine(dir, "pairs.csv");

        var clock = Stopwatch.StartNew();
        var rows = new SyntheticPersons(NameStock.From(BenchData.BalkanNames()), seed: 42).Register(count, duplicateShare: 0.1);
        using (var w = new StreamWriter(input))
        {
            w.WriteLine("rec_id,given_name,surname,date_of_birth,sex,citizenship,personal_id");
            foreach (var r in rows) w.WriteLine(string.Join(',', r.Id, r.GivenName, r.Surname, r.BirthDate, r.Sex, r.Citizenship, r.PersonalId));
        }
        var truth = SyntheticPersons.TruePairs(rows).ToHashSet();
        Console.Error.WriteLine($"generated {count:N0} records, {truth.Count:N0} true pairs in {clock.Elapsed.TotalSeconds:0.0} s");

        // Sigur, end to end through the command.
        var root = new RootCommand();
        foreach (var c in MatchCommands.Build()) root.Subcommands.Add(c);
        var report = new StringWriter();
        clock.Restart();
        var cpuBefore = Cpu();
        int exit = await root.Parse(["match", "dedupe", input, "--id", "rec_id", "--out", output])
            .InvokeAsync(new InvocationConfiguration { Output = Console.Out, Error = report });
        var sigurTime = clock.Elapsed;
        var sigurCpu = Cpu() - cpuBefore;
        Console.Error.WriteLine(report.ToString());
        if (exit != 0) return exit;
        var sigurPairs = File.ReadLines(output).Skip(1).Select(l => l.Split(',')).Select(p => (p[0], p[1])).ToList();
        var sigur = Score(sigurPairs, truth);
        string candidates = report.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("candidate pairs:", StringComparison.Ordinal))?.Trim() ?? "";
        if (stages) StageTimes(input);

        Console.WriteLine($"| pipeline ({count:N0} records, {truth.Count:N0} true pairs) | time | CPU time | candidate pairs | precision | recall | F1 |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| sigur match dedupe (CSV in → CSV out, EM, clustering) | {sigurTime.TotalSeconds:0.0} s | {sigurCpu.TotalSeconds:0.0} s | {candidates.Replace("candidate pairs: ", "", StringComparison.Ordinal)} | {sigur.P:0.0000} | {sigur.R:0.0000} | {sigur.F1:0.0000} |");
        if (!withDuckDb) return 0;

        // DuckDB, Splink style.
        var (duckPrepare, duckSql, duckCpu, duckPairs, duckCandidates) = DuckDbPipeline(rows, dir);
        var duck = Score(duckPairs, truth);

        Console.WriteLine($"| DuckDB SQL (blocking joins + jaro_winkler_similarity, fixed weights) | {duckSql.TotalSeconds:0.0} s SQL + {duckPrepare.TotalSeconds:0.0} s Sigur normalisation | {duckCpu.TotalSeconds:0.0} s SQL | {duckCandidates:N0} ({(double)duckCandidates / count:0.0} per record) | {duck.P:0.0000} | {duck.R:0.0000} | {duck.F1:0.0000} |");
        return 0;
    }

    /// <summary>`--stages`: the engine once more, in-process, with the time each stage of the progress callback starts.</summary>
    private static void StageTimes(string input)
    {
        var clock = Stopwatch.StartNew();
        var records = MatchCsv.Read(input, "rec_id", new Dictionary<FieldRole, string>());
        Console.Error.WriteLine($"{clock.Elapsed.TotalSeconds,7:0.00} s  {Cpu().TotalSeconds,7:0.00} CPU-s  read CSV");
        string? current = null;
        var settings = new MatchSettings
        {
            Progress = (stage, _, _) =>
            {
                lock (clock)
                {
                    if (stage == current) return;
                    current = stage;
                    Console.Error.WriteLine($"{clock.Elapsed.TotalSeconds,7:0.00} s  {Cpu().TotalSeconds,7:0.00} CPU-s  {stage}");
                }
            },
        };
        RecordLinkage.Deduplicate(records, settings);
        Console.Error.WriteLine($"{clock.Elapsed.TotalSeconds,7:0.00} s  {Cpu().TotalSeconds,7:0.00} CPU-s  done");
    }

    private static TimeSpan Cpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static (double P, double R, double F1) Score(IEnumerable<(string, string)> predicted, HashSet<(string, string)> truth)
    {
        var p = predicted.Select(x => string.CompareOrdinal(x.Item1, x.Item2) < 0 ? x : (x.Item2, x.Item1)).ToHashSet();
        double tp = p.Count(truth.Contains);
        double precision = p.Count == 0 ? 0 : tp / p.Count, recall = tp / truth.Count;
        return (precision, recall, precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall));
    }

    /// <summary>
    /// The Splink recipe in SQL: each blocking rule a self-join that excludes pairs of earlier rules,
    /// comparison levels as CASE expressions over jaro_winkler_similarity, a sum of match weights,
    /// a threshold. Weights are fixed (log₂ m/u for typical m and u), as a hand-configured Splink model.
    /// </summary>
    private static (TimeSpan Prepare, TimeSpan Sql, TimeSpan SqlCpu, List<(string, string)> Pairs, long Candidates) DuckDbPipeline(List<SyntheticRecord> rows, string dir)
    {
        var clock = Stopwatch.StartNew();
        var prepared = Path.Combine(dir, "prepared.csv");
        var pool = new ValuePool();
        var lines = new string[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var r = rows[i];
            var rec = new PersonRecord(r.Id) { [FieldRole.GivenName] = r.GivenName, [FieldRole.Surname] = r.Surname, [FieldRole.BirthDate] = r.BirthDate, [FieldRole.Sex] = r.Sex };
            var f = PersonFeatures.From(rec, pool);
            lines[i] = string.Join(',', r.Id, f.Given, f.Surname, f.GivenSound, f.SurnameSound, f.Birth.Year, f.Birth.Month, f.Birth.Day, (int)f.Sex);
        });
        File.WriteAllLines(prepared, lines.Prepend("id,g,s,gs,ss,y,m,d,sex"));
        var prepare = clock.Elapsed;

        clock.Restart();
        var cpuBefore = Cpu();
        using var db = new DuckDBConnection("Data Source=:memory:");
        db.Open();
        void Exec(string sql) { using var c = db.CreateCommand(); c.CommandText = sql; c.ExecuteNonQuery(); }
        Exec($"CREATE TABLE p AS SELECT * FROM read_csv('{prepared}', header=true, columns={{'id':'VARCHAR','g':'VARCHAR','s':'VARCHAR','gs':'VARCHAR','ss':'VARCHAR','y':'INTEGER','m':'INTEGER','d':'INTEGER','sex':'INTEGER'}})");
        const string rule1 = "l.ss = r.ss AND l.ss IS NOT NULL";
        const string rule2 = "l.gs = r.gs AND l.y = r.y AND l.y > 0";
        const string rule3 = "least(l.gs, l.ss) = least(r.gs, r.ss) AND greatest(l.gs, l.ss) = greatest(r.gs, r.ss)";
        const string rule4 = "l.y = r.y AND l.m = r.m AND l.d = r.d AND l.y > 0 AND l.m > 0 AND l.d > 0";
        string Join(string rule, params string[] earlier) =>
            $"SELECT l.*, r.id AS id_r, r.g AS g_r, r.s AS s_r, r.y AS y_r, r.m AS m_r, r.d AS d_r, r.sex AS sex_r FROM p l JOIN p r ON l.id < r.id AND {rule}"
            + string.Concat(earlier.Select(e => $" AND NOT coalesce({e}, false)"));
        const string name = """
            CASE WHEN {0} IS NULL OR {1} IS NULL THEN 0 WHEN {0} = {1} THEN {2}
                 WHEN jaro_winkler_similarity({0}, {1}) >= 0.95 THEN {3}
                 WHEN jaro_winkler_similarity({0}, {1}) >= 0.88 THEN {4}
                 WHEN jaro_winkler_similarity({0}, {1}) >= 0.75 THEN -1 ELSE -5 END
            """;
        string given = string.Format(CultureInfo.InvariantCulture, name, "g", "g_r", 10, 8, 5);
        string surname = string.Format(CultureInfo.InvariantCulture, name, "s", "s_r", 11, 9, 6);
        const string date = """
            CASE WHEN y = 0 OR y_r = 0 THEN 0
                 WHEN y = y_r AND m = m_r AND d = d_r AND m > 0 AND d > 0 THEN 14
                 WHEN y = y_r AND m = d_r AND d = m_r AND m > 0 AND d > 0 THEN 9
                 WHEN y = y_r AND (m = 0 OR m_r = 0 OR m = m_r) AND (d = 0 OR d_r = 0 OR d = d_r) THEN 5
                 WHEN (y = y_r)::INT + (m = m_r AND m > 0)::INT + (d = d_r AND d > 0)::INT = 2 THEN 4
                 WHEN abs(y - y_r) <= 1 THEN -3 ELSE -7 END
            """;
        const string sex = "CASE WHEN sex = 0 OR sex_r = 0 THEN 0 WHEN sex = sex_r THEN 0.9 ELSE -5 END";
        // One streaming pass: the candidate pairs are counted and scored without being stored.
        var pairs = new List<(string, string)>();
        long candidates;
        using (var c = db.CreateCommand())
        {
            c.CommandText = $"""
                WITH candidates AS (
                    {Join(rule1)}
                    UNION ALL {Join(rule2, rule1)}
                    UNION ALL {Join(rule3, rule1, rule2)}
                    UNION ALL {Join(rule4, rule1, rule2, rule3)})
                SELECT count(*), string_agg(CASE WHEN -23 + {given} + {surname} + {date} + {sex} >= 0 THEN id || ' ' || id_r END, ',')
                FROM candidates
                """;
            using var reader = c.ExecuteReader();
            reader.Read();
            candidates = reader.GetInt64(0);
            var matched = reader.IsDBNull(1) ? "" : reader.GetString(1);
            foreach (var pair in matched.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var ids = pair.Split(' ');
                pairs.Add((ids[0], ids[1]));
            }
        }
        return (prepare, clock.Elapsed, Cpu() - cpuBefore, pairs, candidates);
    }
}
