using Sigur.Host;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Bench.Cases;
using Sigur.Bench.Matching;
using Sigur.Data;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Bench.Statistics;

/// <summary>
/// `e2e import`: generates N records in the Sigur layout (names from ../shared/data/names, deterministic), then imports
/// them with the real host services (`ImportCases.RunAsync`, as `sigur import` does: every row validated, names and
/// birth dates encrypted, name tokens written, one transaction) into a throwaway PostgreSQL cluster and/or a SQLite
/// file. `--batches B` imports B different files into the same database (5 × 1,000,000 makes a 5M-case database);
/// `--keep DIR` keeps the cluster, the SQLite file, the key-encryption key and the generated files for later runs.
/// </summary>
public sealed class ImportRun : IEndToEndRun
{
    public string Name => "import";

    private sealed record Options(int Records, int Batches, string[] Providers, string? Keep, string? PostgresOptions);

    private static Options Parse(string[] args)
    {
        var o = new Options(1_000_000, 1, ["postgres"], null, null);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--records" => o with { Records = Int() },
                "--batches" => o with { Batches = Int() },
                "--provider" => o with
                {
                    Providers = Value() switch
                    {
                        "postgres" => ["postgres"], "sqlite" => ["sqlite"], "both" => ["postgres", "sqlite"],
                        var v => throw new ArgumentException($"--provider postgres|sqlite|both, not {v}"),
                    },
                },
                "--keep" => o with { Keep = Path.GetFullPath(Value()) },
                "--pg-options" => o with { PostgresOptions = Value() },
                _ => throw new ArgumentException($"unknown option {args[i]}; options: --records N --batches B --provider postgres|sqlite|both --keep DIR --pg-options \"-c name=value\""),
            };
        }
        return o;
    }

    private sealed record Measured(string Provider, int Batch, int Records, int Written, double Read, double Validate, double Import, double ClientCpu, double ServerCpu);

    public async Task<int> RunAsync(string[] args)
    {
        var o = Parse(args);
        var log = Console.Error;
        var state = o.Keep ?? Path.Combine(Path.GetTempPath(), "sigur-bench-import-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(state);
        log.WriteLine($"state folder {state}");
        try
        {
            var files = new List<string>();
            for (var b = 0; b < o.Batches; b++)
            {
                var file = Path.Combine(state, $"sigur-layout-{o.Records}-{b + 1}.csv");
                if (!File.Exists(file))
                {
                    var clock = Stopwatch.StartNew();
                    ImportFile.Write(file, o.Records, seed: 20261127 + b);
                    log.WriteLine($"generated {Path.GetFileName(file)} in {clock.Elapsed.TotalSeconds:N1} s");
                }
                files.Add(file);
            }
            var results = new List<Measured>();
            foreach (var provider in o.Providers)
            {
                PostgresCluster? cluster = null;
                try
                {
                    string connection;
                    if (provider == "postgres")
                    {
                        cluster = await PostgresCluster.StartAsync(Path.Combine(state, "pg"), log);
                        // --pg-options: session settings for an experiment, e.g. "-c session_replication_role=replica" (no
                        // foreign-key checks; the bench user is a superuser) to see what the checks cost.
                        connection = cluster.ConnectionString + (o.PostgresOptions is null ? "" : $";Options={o.PostgresOptions}");
                    }
                    else
                    {
                        Directory.CreateDirectory(Path.Combine(state, "sqlite"));
                        connection = $"Data Source={Path.Combine(state, "sqlite", "sigur.db")}";
                    }
                    var server = cluster is null ? null : new ServerCpu(cluster.Directory);
                    results.AddRange(await ImportAsync(provider, connection, state, files, o.Keep is not null, server, log));
                }
                finally
                {
                    if (cluster is not null) await cluster.DisposeAsync();
                }
            }
            var encryption = EncryptionAlone(files[0], state);
            Report(o, results, encryption);
            return results.All(r => r.Written == r.Records || r.Written == 0) ? 0 : 1;
        }
        finally
        {
            if (o.Keep is null)
            {
                try { Directory.Delete(state, recursive: true); }
                catch (Exception ex) { log.WriteLine($"could not remove {state}: {ex.Message}"); }
            }
        }
    }

    private static async Task<List<Measured>> ImportAsync(string provider, string connection, string state, List<string> files, bool kept, ServerCpu? server, TextWriter log)
    {
        string[] hostArgs =
        [
            $"--Database:Provider={(provider == "postgres" ? "Postgres" : "Sqlite")}", $"--ConnectionStrings:Sigur={connection}", "--Database:MigrateAtStartup=true",
            $"--Sigur:KeyEncryptionKeyFile={Path.Combine(state, "sigur.kek")}", "--Sigur:DemoData=false", "--Duplicates:ScanHourUtc=-1",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning",
        ];
        var builder = SigurHost.CreateBuilder(hostArgs);
        builder.Services.AddScoped(_ => CurrentUser.System()); // as the `sigur import` verb runs
        await using var app = builder.Build();
        await FirstStart.MigrateIfConfiguredAsync(app.Services, app.Configuration, CancellationToken.None);
        app.Services.GetRequiredService<KeyRingWarden>().EnsureCurrentKey();
        await FirstStart.EnsureAsync(app.Services, CancellationToken.None);
        var writer = app.Services.GetRequiredService<AuditWriter>();
        await writer.StartAsync(CancellationToken.None);
        var results = new List<Measured>();
        try
        {
            for (var b = 0; b < files.Count; b++)
            {
                var organisation = await OrganisationAsync(app.Services, b);
                var clock = Stopwatch.StartNew();
                var records = ImportCases.ReadFile(files[b]);
                var read = clock.Elapsed.TotalSeconds;
                var rows = records.Count - 1;

                // The dry run checks every row and looks up the keys already imported: the same work the import does before
                // it writes anything, so import minus dry run is the writing (preparing rows, encrypting, COPY/INSERT, commit).
                clock.Restart();
                var dry = await RunAsync(app.Services, records, new ImportCases.Options(ImportCases.Layout.Sigur, organisation, DryRun: true), null);
                var validate = clock.Elapsed.TotalSeconds;
                if (!dry.Succeeded) throw new InvalidOperationException("the generated file does not validate: " + string.Join("; ", dry.Errors.Take(5)));

                log.WriteLine($"{provider}, batch {b + 1}: importing {rows:N0} rows");
                var (clientBefore, serverBefore) = (Environment.CpuUsage.TotalTime.TotalSeconds, server?.Seconds() ?? 0);
                clock.Restart();
                var result = await RunAsync(app.Services, records, new ImportCases.Options(ImportCases.Layout.Sigur, organisation, DryRun: false), log);
                var import = clock.Elapsed.TotalSeconds;
                var (clientCpu, serverCpu) = (Environment.CpuUsage.TotalTime.TotalSeconds - clientBefore, (server?.Seconds() ?? 0) - serverBefore);
                if (!result.Succeeded) throw new InvalidOperationException(result.ToString());
                log.WriteLine($"{provider}, batch {b + 1}: read {read:N1} s, checked {validate:N1} s, imported {import:N1} s; {result.Written:N0} written, {result.AlreadyImported:N0} already there");
                results.Add(new Measured(provider, b + 1, rows, result.Written, read, validate, import, clientCpu, serverCpu));
            }
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
            log.WriteLine($"{provider}: {await db.Cases.LongCountAsync():N0} cases in the database");
            if (kept && provider == "postgres")
            {
                log.WriteLine("VACUUM ANALYZE (not timed), for later runs on the kept cluster");
                db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
        return results;
    }

    private static async Task<ImportCases.Result> RunAsync(IServiceProvider services, List<string[]> records, ImportCases.Options options, TextWriter? log)
    {
        await using var scope = services.CreateAsyncScope();
        var total = records.Count - 1;
        var next = 0.1;
        var progress = new SyncProgress(n =>
        {
            if (log is null || n < next * total) return;
            next += 0.1;
            log.WriteLine($"  {100.0 * n / total:N0} %");
        });
        return await ImportCases.RunAsync(scope.ServiceProvider, records, options, progress, CancellationToken.None);
    }

    /// <summary>Progress heard at once, on the reporting thread (Progress&lt;T&gt; would post it to the thread pool).</summary>
    private sealed class SyncProgress(Action<int> report) : IProgress<int>
    {
        private readonly Lock _lock = new();

        public void Report(int value)
        {
            lock (_lock) report(value);
        }
    }

    /// <summary>Batch b imports into "Bench import b" (created once), of one of the types that hold cases in practice.</summary>
    private static async Task<Guid> OrganisationAsync(IServiceProvider services, int batch)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var name = $"Bench import {batch + 1}";
        var existing = await db.Organisations.FirstOrDefaultAsync(o => o.Name == name);
        if (existing is not null) return existing.Id;
        OrganisationType[] types = [OrganisationType.Police, OrganisationType.SocialWorkCentre, OrganisationType.Ngo, OrganisationType.BorderPolice, OrganisationType.InternationalOrganisation];
        var organisation = new Organisation { Name = name, Type = types[batch % types.Length], Region = "Skopje" };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    }

    /// <summary>
    /// Where the client's time goes, the largest part alone: encrypting the person fields of the first file (the
    /// non-empty names and birth dates, as the import does) with the host's FieldProtection on all cores.
    /// </summary>
    private static (int Records, int Values, double Wall, double Cpu) EncryptionAlone(string file, string state)
    {
        var dbFile = Path.Combine(state, "encryption-alone", "sigur.db"); // a key ring of its own, in a SQLite file
        string[] hostArgs = [$"--ConnectionStrings:Sigur=Data Source={dbFile}", $"--Sigur:KeyEncryptionKeyFile={Path.Combine(state, "sigur.kek")}",
            "--Sigur:DemoData=false", "--Logging:LogLevel:Default=Warning"];
        var builder = SigurHost.CreateBuilder(hostArgs);
        using var app = builder.Build();
        FirstStart.MigrateIfConfiguredAsync(app.Services, app.Configuration, CancellationToken.None).GetAwaiter().GetResult();
        app.Services.GetRequiredService<KeyRingWarden>().EnsureCurrentKey();
        var protection = app.Services.GetRequiredService<FieldProtection>();
        var records = ImportCases.ReadFile(file);
        var header = records[0];
        var columns = new[] { "givenName", "familyName", "dateOfBirth" }.Select(c => Array.IndexOf(header, c)).ToArray();
        var values = records.Skip(1).SelectMany(r => columns.Select(c => r[c])).Where(v => v.Length > 0).ToArray();
        protection.Protect("warm-up");
        var cpu = Environment.CpuUsage.TotalTime.TotalSeconds;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, values.Length, i => protection.Protect(values[i]));
        var wall = clock.Elapsed.TotalSeconds;
        cpu = Environment.CpuUsage.TotalTime.TotalSeconds - cpu;
        return (records.Count - 1, values.Length, wall, cpu);
    }

    private static void Report(Options o, List<Measured> results, (int Records, int Values, double Wall, double Cpu) encryption)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"### import — {o.Batches} × {o.Records:N0} records in the Sigur layout");
        sb.AppendLine();
        sb.AppendLine(inv, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC: {System.Runtime.GCSettings.IsServerGC}, load average before: {LoadAverage()}.");
        sb.AppendLine("read = CSV to rows; validate = a dry run (every row checked, keys computed and looked up); write = import minus dry run; total = read + import.");
        sb.AppendLine("CPU = of the import (not the read): this process, and all PostgreSQL processes of the cluster; a figure the other work on the machine barely moves.");
        sb.AppendLine();
        sb.AppendLine("| provider | batch | records | written | read s | read+validate s | write s | total s | records/s | CPU s (client + server) | records per CPU-s |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var total = r.Read + r.Import;
            if (r.Written == 0)
                sb.AppendLine(inv, $"| {r.Provider} | {r.Batch} | {r.Records:N0} | 0 (all imported before) | {r.Read:N1} | {r.Read + r.Validate:N1} | | {total:N1} | | | |");
            else
                sb.AppendLine(inv, $"| {r.Provider} | {r.Batch} | {r.Records:N0} | {r.Written:N0} | {r.Read:N1} | {r.Read + r.Validate:N1} | {r.Import - r.Validate:N1} | {total:N1} | {r.Records / total:N0} | {r.ClientCpu:N1} + {r.ServerCpu:N1} | {r.Records / (r.ClientCpu + r.ServerCpu):N0} |");
        }
        sb.AppendLine();
        sb.AppendLine(inv, $"Encryption alone (the {encryption.Values:N0} non-empty names and birth dates of {encryption.Records:N0} records, FieldProtection.Protect on all cores): " +
            $"{encryption.Wall:N1} s wall, {encryption.Cpu:N1} CPU-s = {1e6 * encryption.Cpu / encryption.Values:N1} µs per value, {encryption.Records / encryption.Cpu:N0} records per CPU-s.");
        Console.Write(sb.ToString());
    }

    /// <summary>CPU seconds of the cluster's processes (the postmaster and its children, read from /proc).</summary>
    private sealed class ServerCpu(string directory)
    {
        public double Seconds()
        {
            var postmaster = int.Parse(File.ReadLines(Path.Combine(directory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
            long ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                string stat;
                try { stat = File.ReadAllText(Path.Combine(dir, "stat")); } catch (IOException) { continue; }
                // Fields after the command name: state, ppid, …; utime and stime are the 12th and 13th of them.
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (pid == postmaster || int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster)
                    ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            return ticks / 100.0; // USER_HZ
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

/// <summary>
/// A generated import file in the Sigur layout (';'-separated, lists ','-separated): Balkan names (Macedonian ones in
/// Cyrillic), intake dates 2010–2025, a date of birth for about 90 % (a tenth of them only the year), an age for most of
/// the rest, one or two forms of exploitation, about 3 % with two citizenships. Deterministic for a seed.
/// </summary>
internal static class ImportFile
{
    private static readonly (string Locale, int Weight)[] Cultures = [("macedonian", 40), ("albanian", 30), ("serbian", 15), ("croatian", 5), ("bosnian", 5), ("slovenian", 5)];
    private static readonly string[] Citizenships = ["MK", "MK", "MK", "MK", "MK", "AL", "AL", "RS", "BG", "RO", "UA", "MD", "NG", "SY", "AF"];
    private static readonly string[] Forms = ["SexualExploitation", "SexualExploitation", "SexualExploitation", "SexualExploitation", "ForcedLabour", "ForcedLabour",
        "ForcedBegging", "ForcedCriminality", "ForcedMarriage", "Servitude"];
    private static readonly string[] Statuses = ["Potential", "Presumed", "Identified", "Identified", "NotAVictim"];
    private static readonly string[] Channels = ["Police", "BorderPolice", "SocialWorkCentre", "Ngo", "LabourInspection", "Health", "Education", "Hotline", "MobileTeam", "SelfReferral", "AnotherCountry"];
    private static readonly string[] Regions = ["Skopje", "Vardar", "Pelagonia", "Southwest", "East", "Northeast", "Southeast", "Polog"];
    private static readonly string[] Exploitation = ["MK", "MK", "MK", "DE", "GR", "AT", ""];

    public static void Write(string path, int records, int seed)
    {
        var names = BenchData.BalkanNames().ToLookup(n => n.List, n => n.Name);
        string[] List(string name) => names[name].ToArray() is { Length: > 0 } list ? list : throw new InvalidOperationException($"no names in list {name}");
        var lists = Cultures.ToDictionary(c => c.Locale, c =>
        {
            var female = List(c.Locale + "FemaleFirstNames");
            var male = List(c.Locale + "MaleFirstNames");
            var last = names[c.Locale + "LastNames"].ToArray();
            return (Female: female, Male: male,
                FemaleLast: last.Length > 0 ? last : List(c.Locale + "FemaleLastNames"), MaleLast: last.Length > 0 ? last : List(c.Locale + "MaleLastNames"));
        });
        var weights = Cultures.Sum(c => c.Weight);
        var random = new Random(seed);
        var inv = CultureInfo.InvariantCulture;
        var temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false), 1 << 20))
        {
            writer.Write(string.Join(';', ImportCases.SigurFields));
            writer.Write('\n');
            var first = new DateOnly(2010, 1, 1);
            var days = new DateOnly(2025, 12, 31).DayNumber - first.DayNumber + 1;
            for (var i = 0; i < records; i++)
            {
                var intake = first.AddDays(random.Next(days));
                var sex = random.Next(100) switch { < 70 => "Female", < 97 => "Male", < 98 => "Other", _ => "Unknown" };
                var pick = random.Next(weights);
                var culture = Cultures.First(c => (pick -= c.Weight) < 0).Locale;
                var l = lists[culture];
                var male = sex == "Male";
                var given = male ? l.Male[random.Next(l.Male.Length)] : l.Female[random.Next(l.Female.Length)];
                var family = male ? l.MaleLast[random.Next(l.MaleLast.Length)] : l.FemaleLast[random.Next(l.FemaleLast.Length)];
                var ageAtIntake = random.Next(100) < 25 ? random.Next(8, 18) : random.Next(18, 60);
                var birth = intake.AddYears(-ageAtIntake).AddDays(-random.Next(365));
                var kind = random.Next(100);
                var dateOfBirth = kind < 81 ? birth.ToString("yyyy-MM-dd", inv) : kind < 90 ? birth.Year.ToString(inv) : "";
                var age = kind < 90 ? "" : kind < 97 ? ageAtIntake.ToString(inv) : ""; // a few % with neither: age unknown
                var possiblyChild = kind >= 97 && random.Next(3) == 0 ? "1" : "";
                var citizenship = Citizenships[random.Next(Citizenships.Length)];
                if (random.Next(100) < 3) citizenship += citizenship == "MK" ? ",AL" : ",MK";
                var form = Forms[random.Next(Forms.Length)];
                if (random.Next(100) < 20) form += "," + Forms.First(f => f != form);
                writer.Write(string.Join(';', intake.ToString("yyyy-MM-dd", inv), sex, age, possiblyChild, citizenship, form, Statuses[random.Next(Statuses.Length)],
                    Channels[random.Next(Channels.Length)], Regions[random.Next(Regions.Length)], Exploitation[random.Next(Exploitation.Length)], given, family, dateOfBirth));
                writer.Write('\n');
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
