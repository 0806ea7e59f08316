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

    private sealed record Options(int Records, int Batches, string[] Providers, string? Keep);

    private static Options Parse(string[] args)
    {
        var o = new Options(1_000_000, 1, ["postgres"], null);
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
                _ => throw new ArgumentException($"unknown option {args[i]}; options: --records N --batches B --provider postgres|sqlite|both --keep DIR"),
            };
        }
        return o;
    }

    private sealed record Measured(string Provider, int Batch, int Records, int Written, double Read, double Validate, double Import);

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
                        connection = cluster.ConnectionString;
                    }
                    else
                    {
                        Directory.CreateDirectory(Path.Combine(state, "sqlite"));
                        connection = $"Data Source={Path.Combine(state, "sqlite", "sigur.db")}";
                    }
                    results.AddRange(await ImportAsync(provider, connection, state, files, o.Keep is not null, log));
                }
                finally
                {
                    if (cluster is not null) await cluster.DisposeAsync();
                }
            }
            Report(o, results);
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

    private static async Task<List<Measured>> ImportAsync(string provider, string connection, string state, List<string> files, bool kept, TextWriter log)
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
                clock.Restart();
                var result = await RunAsync(app.Services, records, new ImportCases.Options(ImportCases.Layout.Sigur, organisation, DryRun: false), log);
                var import = clock.Elapsed.TotalSeconds;
                if (!result.Succeeded) throw new InvalidOperationException(result.ToString());
                log.WriteLine($"{provider}, batch {b + 1}: read {read:N1} s, checked {validate:N1} s, imported {import:N1} s; {result.Written:N0} written, {result.AlreadyImported:N0} already there");
                results.Add(new Measured(provider, b + 1, rows, result.Written, read, validate, import));
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

    private static void Report(Options o, List<Measured> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"### import — {o.Batches} × {o.Records:N0} records in the Sigur layout");
        sb.AppendLine();
        sb.AppendLine(inv, $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC: {System.Runtime.GCSettings.IsServerGC}, load average before: {LoadAverage()}.");
        sb.AppendLine("read = CSV to rows; validate = a dry run (every row checked, keys computed and looked up); write = import minus dry run; total = read + import.");
        sb.AppendLine();
        sb.AppendLine("| provider | batch | records | written | read s | read+validate s | write s | total s | records/s |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var total = r.Read + r.Import;
            sb.AppendLine(inv, $"| {r.Provider} | {r.Batch} | {r.Records:N0} | {r.Written:N0} | {r.Read:N1} | {r.Read + r.Validate:N1} | {r.Import - r.Validate:N1} | {total:N1} | {r.Records / total:N0} |");
        }
        Console.Write(sb.ToString());
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
