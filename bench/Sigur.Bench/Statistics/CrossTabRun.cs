using Sigur.Host;
using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sigur.Bench.Cases;
using Sigur.Data;
using Sigur.Features.Statistics;
using Sigur.Platform;

namespace Sigur.Bench.Statistics;

/// <summary>
/// `e2e stats`: the statistics page's filtered cross-tables (3–4 dimensions, with every margin the small-cell
/// protection needs) on a PostgreSQL database of generated cases, three ways in one run: Sigur (the in-memory fact
/// snapshot, through the same call the page makes, generation check included), DuckDB (the same GROUP BY CUBE over a
/// copy of the same rows) and PostgreSQL (the same GROUP BY CUBE over the tables). Every table is checked to agree
/// exactly across the three before anything is timed. The cases come from `e2e import --keep DIR` (same DIR).
/// </summary>
public sealed class CrossTabRun : IEndToEndRun
{
    public string Name => "stats";

    private sealed record Options(string? Keep, string? Connection, int Repeat, int Warmup, int Writes, int SlowRepeat);

    /// <summary>A benchmark query: the table asked, and the SQL expression of each of its dimensions.</summary>
    private sealed record Query(string Title, CountingUnit Unit, string Rows, string Cols, (string Dimension, string Value)[] Filters);

    private static readonly Query[] Queries =
    [
        new("sex × year, identified", CountingUnit.Person, "sex", "year", [("status", "Identified")]),
        new("age group × year, women, identified", CountingUnit.Person, "agegroup", "year", [("sex", "Female"), ("status", "Identified")]),
        new("channel × sex, 2024", CountingUnit.Person, "channel", "sex", [("year", "2024")]),
        new("region × age group, presumed, 2023", CountingUnit.Person, "region", "agegroup", [("status", "Presumed"), ("year", "2023")]),
        new("age band × sex, police", CountingUnit.Person, "ageband", "sex", [("channel", "Police")]),
        new("national/foreign × year, boys and men, children", CountingUnit.Person, "nationality", "year", [("agegroup", "Child"), ("sex", "Male")]),
        new("status × year, cases, one region", CountingUnit.Case, "status", "year", [("region", "Skopje")]),
    ];

    /// <summary>
    /// Each dimension as SQL, the same in PostgreSQL (cases joined to persons) and DuckDB (one flat table): the counting
    /// rules for one case per person. Column names are unique across the two tables, so no prefixes are needed.
    /// </summary>
    private static string Sql(string dimension, bool duck) => dimension switch
    {
        "year" => duck ? "intake_year::TEXT" : "CAST(EXTRACT(YEAR FROM intake_date AT TIME ZONE 'UTC') AS INTEGER)::TEXT",
        "sex" => "sex",
        "status" => "identification_status",
        "channel" => "intake_channel",
        "region" => "CASE WHEN region = '' THEN 'Unknown' ELSE region END",
        "agegroup" => "CASE WHEN age_at_intake IS NULL THEN CASE WHEN possibly_child THEN 'Child' ELSE 'Unknown' END WHEN age_at_intake < 18 THEN 'Child' ELSE 'Adult' END",
        "ageband" => "CASE WHEN age_at_intake IS NULL THEN 'Unknown' WHEN age_at_intake <= 8 THEN '0-8' WHEN age_at_intake <= 17 THEN '9-17' WHEN age_at_intake <= 20 THEN '18-20' "
            + "WHEN age_at_intake <= 23 THEN '21-23' WHEN age_at_intake <= 26 THEN '24-26' WHEN age_at_intake <= 29 THEN '27-29' WHEN age_at_intake <= 38 THEN '30-38' "
            + "WHEN age_at_intake <= 47 THEN '39-47' ELSE '48+' END",
        "nationality" => duck
            ? "CASE WHEN len(citizenships) = 0 THEN 'Unknown' WHEN list_contains(citizenships, 'MK') THEN 'National' ELSE 'Foreign' END"
            : "CASE WHEN cardinality(citizenships) = 0 THEN 'Unknown' WHEN 'MK' = ANY(citizenships) THEN 'National' ELSE 'Foreign' END",
        _ => throw new ArgumentException(dimension),
    };

    /// <summary>The table with every margin (GROUP BY CUBE): what the lattice of protected tables counts.</summary>
    /// <param name="rows">Count rows instead of distinct persons: the same figures where every person has one case
    /// (checked before timing), and the fastest way DuckDB has to give them.</param>
    private static string CubeSql(Query q, bool duck, bool rows = false)
    {
        string[] dims = [q.Rows, q.Cols, .. q.Filters.Select(f => f.Dimension)];
        var count = q.Unit == CountingUnit.Person && !rows ? "count(DISTINCT person_id)" : "count(*)";
        var from = duck ? "cases" : "cases c JOIN persons p ON p.id = c.person_id";
        return $"SELECT {string.Join(", ", dims.Select((d, i) => $"{Sql(d, duck)} AS d{i}"))}, {count} FROM {from} GROUP BY CUBE ({string.Join(", ", dims.Select((_, i) => $"d{i}"))})";
    }

    private static Options Parse(string[] args)
    {
        var o = new Options(null, null, 30, 3, 1000, 3);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--keep" => o with { Keep = Path.GetFullPath(Value()) },
                "--connection" => o with { Connection = Value() },
                "--repeat" => o with { Repeat = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--warmup" => o with { Warmup = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--writes" => o with { Writes = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--slow-repeat" => o with { SlowRepeat = int.Parse(Value(), CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"unknown option {args[i]}; options: --keep DIR (from e2e import) --connection CS --repeat N --warmup N --slow-repeat N --writes N"),
            };
        }
        if (o.Keep is null) throw new ArgumentException("--keep DIR: the folder of a database loaded by `e2e import --keep DIR` (its cluster and key-encryption key)");
        return o;
    }

    public async Task<int> RunAsync(string[] args)
    {
        var o = Parse(args);
        var log = Console.Error;
        await using var cluster = o.Connection is null ? await PostgresCluster.StartAsync(Path.Combine(o.Keep!, "pg"), log) : null;
        var connection = o.Connection ?? cluster!.ConnectionString;
        var builder = SigurHost.CreateBuilder(
        [
            "--Database:Provider=Postgres", $"--ConnectionStrings:Sigur={connection};Maximum Pool Size=20", "--Database:MigrateAtStartup=true",
            $"--Sigur:KeyEncryptionKeyFile={Path.Combine(o.Keep!, "sigur.kek")}", "--Logging:LogLevel:Default=Warning",
        ]);
        builder.Services.AddScoped(_ => CurrentUser.System());
        await using var app = builder.Build();
        await FirstStart.MigrateIfConfiguredAsync(app.Services, app.Configuration, CancellationToken.None);
        var statistics = app.Services.GetRequiredService<StatisticsSettings>();
        var context = statistics.Context;
        var snapshot = app.Services.GetRequiredService<FactSnapshot>();

        async Task<T> WithDb<T>(Func<SigurDb, Task<T>> action)
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider.GetRequiredService<SigurDb>());
        }

        var (cases, links) = await WithDb(async db => (await db.Cases.LongCountAsync(), await db.Set<PersonLink>().CountAsync(l => l.Confirmed)));
        var multiCase = await WithDb(db => db.Cases.GroupBy(c => c.PersonId).Where(g => g.Count() > 1).Select(g => g.Key).AnyAsync());
        log.WriteLine($"{cases:N0} cases; {links} confirmed person links; persons with several cases: {multiCase}");
        if (links > 0 || multiCase)
            log.WriteLine("  (the SQL below counts one case per person; with links or repeat cases only the case-unit tables can agree)");

        // Sigur: the first table builds the snapshot from the database.
        var clock = Stopwatch.StartNew();
        TableSpec SpecOf(Query q) => new(q.Rows, q.Cols, [.. q.Filters.Select(f => new Filter(f.Dimension, [f.Value]))], q.Unit);
        await WithDb(db => snapshot.ReadAsync(db, CountingUnit.Person, ReferenceDate.Intake, v => v.Count, CancellationToken.None));
        var buildPerson = clock.Elapsed;
        clock.Restart();
        await WithDb(db => snapshot.ReadAsync(db, CountingUnit.Case, ReferenceDate.Intake, v => v.Count, CancellationToken.None));
        var buildCase = clock.Elapsed;
        log.WriteLine($"snapshot built: persons {buildPerson.TotalSeconds:0.0} s, cases {buildCase.TotalSeconds:0.0} s; managed heap {GC.GetTotalMemory(true) / 1e9:0.0} GB");

        // DuckDB: the same rows, copied once from PostgreSQL through a CSV file.
        clock.Restart();
        var csv = Path.Combine(o.Keep!, "stats-rows.csv");
        await using (var pg = new NpgsqlConnection(connection))
        {
            await pg.OpenAsync();
            using var export = await pg.BeginTextExportAsync(
                "COPY (SELECT c.person_id, CAST(EXTRACT(YEAR FROM c.intake_date AT TIME ZONE 'UTC') AS INTEGER), c.identification_status, c.intake_channel, c.region, "
                + "c.age_at_intake, p.sex, p.possibly_child, array_to_string(p.citizenships, ' ') FROM cases c JOIN persons p ON p.id = c.person_id) TO STDOUT WITH (FORMAT csv)");
            await using var file = File.CreateText(csv);
            var buffer = new char[1 << 16];
            int read;
            while ((read = await export.ReadAsync(buffer)) > 0) await file.WriteAsync(buffer.AsMemory(0, read));
        }
        using var duck = new DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using (var create = duck.CreateCommand())
        {
            create.CommandText = "CREATE TABLE cases AS SELECT person_id, intake_year, identification_status, intake_channel, coalesce(region, '') AS region, age_at_intake, sex, "
                + "possibly_child, list_filter(string_split(coalesce(citizenships, ''), ' '), x -> x <> '') AS citizenships FROM read_csv('" + csv + "', header=false, "
                + "columns={'person_id':'UUID','intake_year':'INTEGER','identification_status':'VARCHAR','intake_channel':'VARCHAR','region':'VARCHAR','age_at_intake':'INTEGER',"
                + "'sex':'VARCHAR','possibly_child':'BOOLEAN','citizenships':'VARCHAR'})";
            create.ExecuteNonQuery();
        }
        File.Delete(csv);
        log.WriteLine($"DuckDB copy loaded in {clock.Elapsed.TotalSeconds:0.0} s");

        await using var pgData = NpgsqlDataSource.Create(connection);
        Console.WriteLine($"| Table ({cases:N0} cases) | Dimensions | Sigur p50 ms | Sigur p95 ms | DuckDB count(*) p50 ms | DuckDB count(*) p95 ms | DuckDB count(DISTINCT) p50 ms | PostgreSQL p50 ms | PostgreSQL p95 ms | Sigur p95 ÷ DuckDB p95 | PostgreSQL p95 ÷ Sigur p95 | Agree |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var q in Queries)
        {
            var spec = SpecOf(q);
            var duckSql = CubeSql(q, duck: true);
            var duckRowsSql = CubeSql(q, duck: true, rows: true);
            var pgSql = CubeSql(q, duck: false);

            // Agreement: Sigur's true counts (threshold 1 withholds nothing) against both SQL engines, cell by cell.
            var sigur = await WithDb(db => snapshot.ReadAsync(db, q.Unit, ReferenceDate.Intake, v => FreeTables.Publish(v, spec, context, 1), CancellationToken.None));
            var duckCells = Cube(() => { using var c = duck.CreateCommand(); c.CommandText = duckSql; return c.ExecuteReader(); });
            var pgCells = Cube(() => { var c = pgData.CreateCommand(pgSql); return c.ExecuteReader(); });
            var duckRowCells = Cube(() => { using var c = duck.CreateCommand(); c.CommandText = duckRowsSql; return c.ExecuteReader(); });
            var agree = Agrees(sigur, q, duckCells) && Agrees(sigur, q, duckRowCells) && Agrees(sigur, q, pgCells);
            if (!agree) log.WriteLine($"  DISAGREEMENT on {q.Title}");

            var sigurTimes = await TimeAsync(o, () => WithDb(db => FreeTables.PublishAsync(snapshot, db, statistics, spec, publication: false, CancellationToken.None)));
            Task<int> Duck(string sql) { using var c = duck.CreateCommand(); c.CommandText = sql; using var r = c.ExecuteReader(); while (r.Read()) { } return Task.FromResult(0); }
            var slow = o with { Repeat = o.SlowRepeat, Warmup = 1 };
            var duckRowTimes = await TimeAsync(o, () => Duck(duckRowsSql));
            var duckTimes = q.Unit == CountingUnit.Person ? await TimeAsync(slow, () => Duck(duckSql)) : duckRowTimes;
            var pgTimes = await TimeAsync(slow, async () => { await using var c = pgData.CreateCommand(pgSql); await using var r = await c.ExecuteReaderAsync(); while (await r.ReadAsync()) { } return 0; });
            Console.WriteLine($"| {q.Title} | {2 + q.Filters.Length} | {P(sigurTimes, 50):0.0} | {P(sigurTimes, 95):0.0} | {P(duckRowTimes, 50):0.0} | {P(duckRowTimes, 95):0.0} | "
                + $"{P(duckTimes, 50):0} | {P(pgTimes, 50):0} | {P(pgTimes, 95):0} | {P(sigurTimes, 95) / P(duckRowTimes, 95):0.00} | {P(pgTimes, 95) / P(sigurTimes, 95):0} | {(agree ? "✓" : "✗")} |");
        }

        // The price of staying in step: a batch of writes through EF (journalled), then the next table.
        if (o.Writes > 0)
        {
            var ids = await WithDb(db => db.Cases.OrderBy(c => c.Id).Take(o.Writes).Select(c => c.Id).ToListAsync());
            await WithDb(async db =>
            {
                foreach (var c in await db.Cases.Where(c => ids.Contains(c.Id)).ToListAsync())
                    c.IdentificationStatus = c.IdentificationStatus == Sigur.Features.Cases.IdentificationStatus.Identified
                        ? Sigur.Features.Cases.IdentificationStatus.Presumed : Sigur.Features.Cases.IdentificationStatus.Identified;
                return await db.SaveChangesAsync();
            });
            var spec = SpecOf(Queries[0]);
            clock.Restart();
            var after = await WithDb(db => snapshot.ReadAsync(db, CountingUnit.Person, ReferenceDate.Intake, v => FreeTables.Publish(v, spec, context, 1), CancellationToken.None));
            var catchUp = clock.Elapsed;
            var recount = Cube(() => { var c = pgData.CreateCommand(CubeSql(Queries[0], duck: false)); return c.ExecuteReader(); });
            Console.WriteLine();
            Console.WriteLine($"After {o.Writes:N0} cases changed in one save: the next table (journal replayed, {o.Writes:N0} persons recounted) took {catchUp.TotalMilliseconds:0} ms and agrees with PostgreSQL: {(Agrees(after, Queries[0], recount) ? "✓" : "✗")}");
        }
        return 0;
    }

    private static async Task<List<double>> TimeAsync<T>(Options o, Func<Task<T>> run)
    {
        for (var i = 0; i < o.Warmup; i++) await run();
        var times = new List<double>();
        for (var i = 0; i < o.Repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times;
    }

    private static double P(List<double> sorted, int percentile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];

    /// <summary>The cube's rows as (dimension values, NULL for "all") → count.</summary>
    private static Dictionary<string, long> Cube(Func<System.Data.Common.DbDataReader> open)
    {
        var cells = new Dictionary<string, long>(StringComparer.Ordinal);
        using var reader = open();
        while (reader.Read())
        {
            var key = string.Join('|', Enumerable.Range(0, reader.FieldCount - 1).Select(i => reader.IsDBNull(i) ? "*" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)));
            cells[key] = Convert.ToInt64(reader.GetValue(reader.FieldCount - 1), CultureInfo.InvariantCulture);
        }
        return cells;
    }

    /// <summary>Every cell of the published table (rows, columns and totals, within the filters) equals the cube's count.</summary>
    private static bool Agrees(PublishedTable table, Query q, Dictionary<string, long> cube)
    {
        var filters = string.Concat(q.Filters.Select(f => "|" + f.Value));
        for (var i = 0; i <= table.RowCategories.Count; i++)
            for (var j = 0; j <= table.ColumnCategories.Count; j++)
            {
                var row = i < table.RowCategories.Count ? table.RowCategories[i] : "*";
                var col = j < table.ColumnCategories.Count ? table.ColumnCategories[j] : "*";
                if (table.Cells[i][j] != (int)cube.GetValueOrDefault($"{row}|{col}{filters}")) return false;
            }
        return true;
    }
}
