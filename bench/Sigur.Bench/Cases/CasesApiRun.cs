using Sigur.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sigur.Data;
using Sigur.Features.Admin;
using Sigur.Features.Cases;
using Sigur.Matching;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Bench.Cases;

/// <summary>
/// `e2e cases-api`: the real Sigur host on PostgreSQL with N generated cases, under 64 concurrent clients — audited
/// case search (20 rows) and case detail, each beside a bare endpoint that runs the same query with no sign-in,
/// authorisation, audit or decryption. Checks that the audit log grew by exactly the number of audited answers.
/// </summary>
public sealed class CasesApiRun : IEndToEndRun
{
    public string Name => "cases-api";

    private sealed record Options(int Cases, string? Keep, string? Connection, int Clients, TimeSpan Warmup, TimeSpan Duration, int Ids, int Names, string[] HostArgs, string? Only = null, bool Wrk = false);

    private static Options Parse(string[] args)
    {
        var o = new Options(1_000_000, null, null, 64, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(20), 20_000, 40, [], Wrk: WrkClient.IsInstalled);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Value(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--cases" => o with { Cases = Int() },
                "--keep" => o with { Keep = Path.GetFullPath(Value()) },
                "--connection" => o with { Connection = Value() },
                "--clients" => o with { Clients = Int() },
                "--warmup" => o with { Warmup = TimeSpan.FromSeconds(Int()) },
                "--duration" => o with { Duration = TimeSpan.FromSeconds(Int()) },
                "--ids" => o with { Ids = Int() },
                "--names" => o with { Names = Int() },
                "--only" => o with { Only = Value() },
                "--client" => o with { Wrk = Value() switch { "wrk" => true, "dotnet" => false, var v => throw new ArgumentException($"--client wrk|dotnet, not {v}") } },
                "--host-arg" => o with { HostArgs = [.. o.HostArgs, Value()] },
                _ => throw new ArgumentException($"unknown option {args[i]}; options: --cases N --keep DIR --connection CS --clients N --warmup S --duration S --ids N --names N --host-arg --Key=Value"),
            };
        }
        return o;
    }

    public async Task<int> RunAsync(string[] args)
    {
        var o = Parse(args);
        var log = Console.Error;
        var state = o.Keep ?? Path.Combine(Path.GetTempPath(), "sigur-bench-cases-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(state);
        log.WriteLine($"state folder {state}");
        PostgresCluster? cluster = null;
        try
        {
            if (o.Connection is null) cluster = await PostgresCluster.StartAsync(Path.Combine(state, "pg"), log);
            var connection = o.Connection ?? cluster!.ConnectionString;
            string[] hostArgs =
            [
                "--Database:Provider=Postgres", $"--ConnectionStrings:Sigur={connection}", "--Database:MigrateAtStartup=true",
                $"--Sigur:KeyEncryptionKeyFile={Path.Combine(state, "sigur.kek")}", "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Warning", "--urls=http://127.0.0.1:0", .. o.HostArgs,
            ];

            var setup = await PrepareAsync(o, hostArgs, log);
            return await MeasureAsync(o, hostArgs, connection, setup, state, log);
        }
        finally
        {
            if (cluster is not null) await cluster.DisposeAsync();
            if (o.Keep is null)
            {
                try { Directory.Delete(state, recursive: true); }
                catch (Exception ex) { log.WriteLine($"could not remove {state}: {ex.Message}"); }
            }
        }
    }

    private sealed record Setup(long TotalCases, long OrganisationCases, Guid OrganisationId, string UserName, string Password,
        string AuthenticatorKey, List<string> QueryNames, List<Guid> CaseIds, double? LoadSeconds, int Loaded);

    /// <summary>Migrates, generates the cases that are missing (as the system, like `sigur seed-demo`), and readies the bench user.</summary>
    private static async Task<Setup> PrepareAsync(Options o, string[] hostArgs, TextWriter log)
    {
        var builder = SigurHost.CreateBuilder(hostArgs);
        builder.Services.AddScoped(_ => CurrentUser.System());
        await using var app = builder.Build();
        await FirstStart.MigrateIfConfiguredAsync(app.Services, app.Configuration, CancellationToken.None);
        app.Services.GetRequiredService<KeyRingWarden>().EnsureCurrentKey();
        await FirstStart.EnsureAsync(app.Services, CancellationToken.None);
        var writer = app.Services.GetRequiredService<AuditWriter>();
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<SigurDb>();
            var existing = await db.Cases.LongCountAsync();
            double? loadSeconds = null;
            var loaded = 0;
            if (existing < o.Cases)
            {
                var missing = (int)(o.Cases - existing);
                log.WriteLine($"{existing:N0} cases in the database; generating {missing:N0} through DemoData (EF Core, encrypted, indexed)");
                var clock = Stopwatch.StartNew();
                var lastReport = 0;
                var progress = new Progress<int>(n =>
                {
                    if (n - lastReport < 50_000 && n != missing) return;
                    lastReport = n;
                    log.WriteLine($"  {n:N0} / {missing:N0} cases, {n / clock.Elapsed.TotalSeconds:N0} cases/s");
                });
                if (existing == 0)
                {
                    await DemoData.SeedAsync(sp, missing, progress, CancellationToken.None);
                }
                else
                {
                    var holderIds = await db.Cases.Select(c => c.OrganisationId).Distinct().ToListAsync();
                    var holders = await db.Organisations.Where(g => holderIds.Contains(g.Id)).OrderBy(g => g.Name).ToListAsync();
                    await DemoData.GenerateCasesAsync(sp, holders, missing, progress, CancellationToken.None, seed: (int)existing);
                }
                loadSeconds = clock.Elapsed.TotalSeconds;
                loaded = missing;
                log.WriteLine($"generated {missing:N0} cases in {loadSeconds:N0} s ({missing / loadSeconds:N0} cases/s)");
                await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
            }
            var total = await db.Cases.LongCountAsync();

            // The bench user sits in the organisation holding the most cases, with a fresh password and authenticator key.
            var biggest = await db.Cases.GroupBy(c => c.OrganisationId).Select(g => new { Id = g.Key, Count = g.LongCount() })
                .OrderByDescending(g => g.Count).FirstAsync();
            var users = sp.GetRequiredService<UserManager<SigurUser>>();
            const string userName = "bench-caseworker";
            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
            var user = await users.FindByNameAsync(userName);
            if (user is null)
            {
                user = new SigurUser { UserName = userName, DisplayName = "Benchmark case worker", OrganisationId = biggest.Id, Role = Role.CaseWorker };
                Check(await users.CreateAsync(user, password));
            }
            else
            {
                Check(await users.RemovePasswordAsync(user));
                Check(await users.AddPasswordAsync(user, password));
            }
            user.OrganisationId = biggest.Id;
            user.TwoFactorEnabled = true;
            user.MustChangePassword = false;
            user.IsDisabled = false;
            Check(await users.UpdateAsync(user));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            var key = await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException("no authenticator key");

            var protection = sp.GetRequiredService<FieldProtection>();
            var names = await CommonFamilyNamesAsync(db, protection, biggest.Id, o.Names);
            var ids = await db.Cases.FromSql($"SELECT * FROM cases WHERE organisation_id = {biggest.Id} ORDER BY random() LIMIT {o.Ids}")
                .Select(c => c.Id).ToListAsync();
            return new Setup(total, biggest.Count, biggest.Id, userName, password, key, names, ids, loadSeconds, loaded);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
    }

    /// <summary>Family names of the organisation's persons (sampled, decrypted) that fill a whole page of 20 and more.</summary>
    private static async Task<List<string>> CommonFamilyNamesAsync(SigurDb db, FieldProtection protection, Guid organisationId, int want)
    {
        var sample = await db.Database.SqlQuery<string>(
            $"SELECT family_name AS \"Value\" FROM persons WHERE organisation_id = {organisationId} ORDER BY random() LIMIT 2000").ToListAsync();
        var candidates = sample.Select(protection.Unprotect).Where(n => NameKey.Tokens(n).Count() == 1)
            .GroupBy(n => n).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var chosen = new List<string>();
        foreach (var name in candidates)
        {
            var token = protection.SearchToken(NameKey.Tokens(name).Single());
            var hits = await db.PersonNameTokens.CountAsync(t => t.Token == token && t.OrganisationId == organisationId);
            if (hits > 20) chosen.Add(name);
            if (chosen.Count == want) break;
        }
        if (chosen.Count == 0) throw new InvalidOperationException("No family name fills a page; generate more cases.");
        return chosen;
    }

    private static async Task<int> MeasureAsync(Options o, string[] hostArgs, string connection, Setup setup, string state, TextWriter log)
    {
        var builder = SigurHost.CreateBuilder(hostArgs);
        await using var app = builder.Build();
        SigurHost.Configure(app);
        // The same connection settings as the app's (statements prepared after their second use).
        await using var bareData = NpgsqlDataSource.Create(DatabaseSetup.PostgresConnectionString(connection));
        BareEndpoints.Map(app, bareData, app.Services.GetRequiredService<FieldProtection>(), setup.OrganisationId);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        log.WriteLine($"Sigur serving on {address}");

        using var client = new LoadClient(address, o.Clients);
        var token = await SignInAsync(client.Http, setup);
        await CheckSameAnswersAsync(client.Http, token, setup);

        long firstSequence;
        await using (var scope = app.Services.CreateAsyncScope())
            firstSequence = await scope.ServiceProvider.GetRequiredService<SigurDb>().AuditEntries.MaxAsync(e => e.Sequence);
        var names = setup.QueryNames.Select(Uri.EscapeDataString).ToArray();
        var bodies = setup.QueryNames.Select(SearchBody).ToArray();
        var ids = setup.CaseIds.Select(id => id.ToString()).ToArray();
        var phases = new (LoadClient.Workload Workload, bool Audited)[]
        {
            (new("search, audited", HttpMethod.Post, ["/api/v1/cases/search"], bodies, token), true),
            (new("search, bare", HttpMethod.Get, [.. names.Select(n => "/bare/cases?q=" + n)], null, null), false),
            (new("detail, audited", HttpMethod.Get, [.. ids.Select(id => "/api/v1/cases/" + id)], null, token), true),
            (new("detail, bare", HttpMethod.Get, [.. ids.Select(id => "/bare/cases/" + id)], null, null), false),
        };
        log.WriteLine($"load client: {(o.Wrk ? "wrk (separate process)" : "HttpClient (in process)")}");
        Task<LoadClient.Result> Run(LoadClient.Workload w, TimeSpan duration) =>
            o.Wrk ? WrkClient.RunAsync(w, address, o.Clients, duration, state) : client.RunAsync(w, o.Clients, duration);
        var results = new List<(LoadClient.Result Result, long AuditRows)>();
        await using var countData = NpgsqlDataSource.Create(connection);
        foreach (var (workload, audited) in phases)
        {
            var name = workload.Name;
            if (o.Only is not null && !name.StartsWith(o.Only, StringComparison.Ordinal)) continue;
            var before = await SettledAuditRowsAsync(countData);
            log.WriteLine($"{name}: warm-up {o.Warmup.TotalSeconds:N0} s");
            var warm = await Run(workload, o.Warmup);
            log.WriteLine($"{name}: measuring {o.Duration.TotalSeconds:N0} s");
            var measured = await Run(workload, o.Duration);
            var grew = await SettledAuditRowsAsync(countData) - before;
            var answered = warm.Succeeded + measured.Succeeded;
            // wrk stops with requests in flight: the server still answers (and audits) them, wrk does not count them.
            var unseen = o.Wrk ? 2 * o.Clients : 0;
            log.WriteLine($"{name}: {measured.RequestsPerSecond:N0} req/s, p99 {measured.P99:N1} ms, errors {measured.Errors}" +
                          (measured.FirstError is null ? "" : $" (first: {measured.FirstError})") +
                          $", audit rows +{grew:N0} for {answered:N0} answers");
            results.Add((measured, audited ? (grew >= answered && grew <= answered + unseen ? 0 : grew - answered) : grew));
        }
        await app.StopAsync();
        var chain = await CheckChainAsync(app.Services, firstSequence);
        log.WriteLine(chain ?? $"audit chain: the rows of this run link and hash correctly");
        if (chain is not null) return 1;
        if (results.Count != phases.Length)
        {
            foreach (var (r, _) in results) Console.WriteLine($"{r.Name}: {r.RequestsPerSecond:N0} req/s, p50 {r.P50:N1} ms, p99 {r.P99:N1} ms");
            return 0;
        }
        return Report(o, setup, results);
    }

    /// <summary>The audit rows this run appended (after <paramref name="after"/>) follow each other and hash to what they hold.</summary>
    private static async Task<string?> CheckChainAsync(IServiceProvider services, long after)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var key = scope.ServiceProvider.GetRequiredService<FieldProtection>().AuditChainKey;
        var previous = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence == after).Select(e => e.Hash).SingleAsync();
        var expected = after + 1;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= expected).OrderBy(e => e.Sequence).Take(5000).ToListAsync();
            if (batch.Count == 0) return null;
            foreach (var row in batch)
            {
                if (row.Sequence != expected) return $"AUDIT CHAIN: row {expected} missing";
                if (row.PreviousHash != previous) return $"AUDIT CHAIN: row {row.Sequence} does not follow its predecessor";
                if (row.ComputeHash(key) != row.Hash) return $"AUDIT CHAIN: row {row.Sequence} does not hash to what it holds";
                previous = row.Hash;
                expected++;
            }
        }
    }

    /// <summary>The search request body (a name goes in the body, never in the URL).</summary>
    private static string SearchBody(string name) => JsonSerializer.Serialize(new { q = name });

    /// <summary>The audit row count once the requests still in flight from the last phase have been answered.</summary>
    private static async Task<long> SettledAuditRowsAsync(NpgsqlDataSource data)
    {
        var count = await AuditRowsAsync(data);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var again = await AuditRowsAsync(data);
            if (again == count) return count;
            count = again;
        }
    }

    private static async Task<long> AuditRowsAsync(NpgsqlDataSource data)
    {
        await using var cmd = data.CreateCommand("SELECT count(*) FROM audit_entries");
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<string> SignInAsync(HttpClient http, Setup setup)
    {
        var code = Totp.Code(setup.AuthenticatorKey, DateTimeOffset.UtcNow);
        using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { userName = setup.UserName, password = setup.Password, code });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Before measuring: every query name gives the same full page from both endpoints, and detail answers 200 on both.</summary>
    private static async Task CheckSameAnswersAsync(HttpClient http, string token, Setup setup)
    {
        async Task<JsonElement> Get(string path, bool audited, string? searchName = null)
        {
            using var request = searchName is null ? new HttpRequestMessage(HttpMethod.Get, path)
                : new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(SearchBody(searchName), Encoding.UTF8, "application/json") };
            if (audited) request.Headers.Authorization = new("Bearer", token);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body}");
            return JsonDocument.Parse(body).RootElement.Clone();
        }
        static string Ids(JsonElement page) => string.Join(' ', page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        foreach (var name in setup.QueryNames)
        {
            var q = Uri.EscapeDataString(name);
            var audited = await Get("/api/v1/cases/search", true, name);
            var bare = await Get("/bare/cases?q=" + q, false);
            if (audited.GetProperty("items").GetArrayLength() != 20 || Ids(audited) != Ids(bare))
                throw new InvalidOperationException($"search for a query name: the audited and bare pages differ or are not full");
        }
        foreach (var id in setup.CaseIds.Take(20))
        {
            var audited = await Get($"/api/v1/cases/{id}", true);
            var bare = await Get($"/bare/cases/{id}", false);
            if (audited.GetProperty("id").GetGuid() != id || bare.GetProperty("id").GetGuid() != id)
                throw new InvalidOperationException("detail: wrong case");
        }
    }

    private static int Report(Options o, Setup setup, List<(LoadClient.Result Result, long AuditMismatch)> results)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"### cases-api — {setup.TotalCases:N0} cases on PostgreSQL, {o.Clients} clients ({(o.Wrk ? "wrk" : "HttpClient")}), {o.Duration.TotalSeconds:N0} s per endpoint after {o.Warmup.TotalSeconds:N0} s warm-up");
        sb.AppendLine();
        sb.AppendLine(inv, $"Bench user's organisation holds {setup.OrganisationCases:N0} cases; {setup.QueryNames.Count} family names as queries (each fills a page of 20); {setup.CaseIds.Count:N0} random case ids for detail. {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC: {System.Runtime.GCSettings.IsServerGC}.");
        if (setup.LoadSeconds is { } s) sb.AppendLine(inv, $"Generated {setup.Loaded:N0} cases through DemoData in {s:N0} s ({setup.Loaded / s:N0} cases/s).");
        sb.AppendLine();
        sb.AppendLine("| Endpoint | Requests/s | p50 ms | p95 ms | p99 ms | Requests | Errors | Audited / bare | Audit rows |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        for (var i = 0; i < results.Count; i++)
        {
            var (r, mismatch) = results[i];
            var audited = i % 2 == 0;
            var ratio = audited ? $"{r.RequestsPerSecond / results[i + 1].Result.RequestsPerSecond:P0}" : "";
            var rows = audited ? (mismatch == 0 ? (o.Wrk ? "= answers (+ those in flight at the stop) ✓" : "= answers ✓") : $"off by {mismatch:N0} ✗") : (mismatch == 0 ? "none ✓" : $"+{mismatch:N0} ✗");
            sb.AppendLine(inv, $"| {r.Name} | {r.RequestsPerSecond:N0} | {r.P50:N1} | {r.P95:N1} | {r.P99:N1} | {r.Requests:N0} | {r.Errors:N0} | {ratio} | {rows} |");
        }
        var search = results[0].Result;
        var searchBare = results[1].Result;
        var detail = results[2].Result;
        var goals = new (string Goal, bool Met)[]
        {
            ("search ≥ 2,500 requests/s", search.RequestsPerSecond >= 2500),
            ("search p99 ≤ 100 ms", search.P99 <= 100),
            ("search ≥ 40 % of bare", search.RequestsPerSecond >= 0.4 * searchBare.RequestsPerSecond),
            ("detail ≥ 5,000 requests/s", detail.RequestsPerSecond >= 5000),
            ("no errors, audit rows = audited answers", results.All(x => x.Result.Errors == 0 && x.AuditMismatch == 0)),
        };
        sb.AppendLine();
        foreach (var (goal, met) in goals) sb.AppendLine(inv, $"- {(met ? "met" : "MISSED")}: {goal}");
        Console.Write(sb.ToString());
        return results.All(x => x.Result.Errors == 0 && x.AuditMismatch == 0) ? 0 : 1;
    }
}
