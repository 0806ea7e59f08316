using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.CrossBorder;
using Sigur.Features.Referrals;
using Sigur.Host;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Bench.CrossBorder;

/// <summary>
/// `e2e trm [--packages N]`: two whole Sigur instances (North Macedonia and Serbia, each its own SQLite database and
/// keys) on loopback. N referrals are written to the sender's outbox (sign, encrypt, store) and delivered by its
/// dispatcher (send, verify, decrypt, store in the inbox, open a case, signed receipt, receipt checked, outbox row
/// updated); the figure is packages per second from the first write to the last receipt. Beside it, in the same run,
/// the same bytes POSTed one after another to a bare endpoint of the receiver that reads the body and answers a
/// fixed text: the cost of HTTP alone. Both over plain HTTP on loopback (TLS would cost both sides alike).
/// </summary>
public sealed class TrmRun : IEndToEndRun
{
    public string Name => "trm";

    public async Task<int> RunAsync(string[] args)
    {
        var packages = args.Length == 2 && args[0] == "--packages" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var log = Console.Error;
        var state = Path.Combine(Path.GetTempPath(), "sigur-bench-trm-" + Guid.NewGuid().ToString("n")[..8]);
        var (mkPort, rsPort) = (FreePort(), FreePort());
        await using var mk = await StartAsync("MK", mkPort, Path.Combine(state, "mk"));
        await using var rs = await StartAsync("RS", rsPort, Path.Combine(state, "rs"), bare: true);
        try
        {
            var mkOffice = await OfficeAsync(mk, "MK");
            var rsOffice = await OfficeAsync(rs, "RS");
            var toRs = await RegisterAsync(mk, rs, "RS", rsPort, mkOffice);
            await RegisterAsync(rs, mk, "MK", mkPort, rsOffice);
            var cases = await CasesAsync(mk, mkOffice, toRs, packages);
            log.WriteLine($"{packages} cases with consent at the sender; sending");

            var clock = Stopwatch.StartNew();
            await using (var scope = mk.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
                var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
                var now = DateTime.UtcNow;
                var signing = await outbox.SigningKeyAsync(db, now, default);
                var peer = await db.Set<Peer>().Include(p => p.Keys).SingleAsync(p => p.Id == toRs.Id);
                foreach (var batch in cases.Chunk(100))
                {
                    foreach (var (c, person, consent) in batch)
                    {
                        var conversation = new Conversation
                        {
                            PeerId = peer.Id, OrganisationId = mkOffice, CaseId = c.Id, Side = ConversationSide.Outgoing, CaseReference = c.Reference,
                            Phase = TrmPhase.ReturnAndInclusion, Services = [ServiceType.Reintegration], ConsentId = consent, StartedAt = now,
                        };
                        db.Add(conversation);
                        outbox.Add(db, signing, peer, conversation, TrmAction.Refer, null, now,
                            referral: ReferralContent.From(c, person, conversation.Services, [DataGroup.Identity, DataGroup.Exploitation], "Low risk.", DateOnly.FromDateTime(now)));
                    }
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }
            var written = clock.Elapsed;
            while (await CountAsync(mk, OutgoingStatus.Delivered) < packages)
            {
                if (await CountAsync(mk, OutgoingStatus.Refused) + await CountAsync(mk, OutgoingStatus.Withheld) > 0) { log.WriteLine("a package was refused"); return 1; }
                await Task.Delay(20);
            }
            var delivered = clock.Elapsed;
            var received = await rs.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<SigurDb>().Set<IncomingPackage>().CountAsync(p => p.Status == IncomingStatus.Applied);

            // The same bytes, plain POSTs to the bare endpoint, one after another as the dispatcher sends them.
            var tokens = await mk.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<SigurDb>().Set<OutgoingPackage>().Select(p => p.Token).ToListAsync();
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{rsPort}") };
            var bareClock = Stopwatch.StartNew();
            foreach (var token in tokens)
            {
                using var response = await http.PostAsync("/bare/inbox", new StringContent(token));
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsStringAsync();
            }
            var bare = bareClock.Elapsed;

            Console.WriteLine($"| what | packages | seconds | per second |");
            Console.WriteLine($"| --- | --- | --- | --- |");
            Console.WriteLine($"| write to the outbox (sign, encrypt, store), while the dispatcher already sends | {packages} | {written.TotalSeconds:F1} | {packages / written.TotalSeconds:F0} |");
            Console.WriteLine($"| end to end: first write to last signed receipt ({received} cases opened at the receiver) | {packages} | {delivered.TotalSeconds:F1} | {packages / delivered.TotalSeconds:F0} |");
            Console.WriteLine($"| plain HTTP POST of the same bytes, one after another | {tokens.Count} | {bare.TotalSeconds:F1} | {tokens.Count / bare.TotalSeconds:F0} |");
            Console.WriteLine($"\nmean package {tokens.Average(t => t.Length):F0} bytes");
            return received == packages ? 0 : 1;
        }
        finally
        {
            try { Directory.Delete(state, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<WebApplication> StartAsync(string country, int port, string dir, bool bare = false)
    {
        Directory.CreateDirectory(dir);
        var builder = SigurHost.CreateBuilder([
            "--Database:Provider=Sqlite", $"--ConnectionStrings:Sigur=Data Source={Path.Combine(dir, "sigur.db")}", $"--Sigur:KeyEncryptionKeyFile={Path.Combine(dir, "sigur.kek")}",
            $"--Statistics:ReportingCountry={country}", "--CrossBorder:PollSeconds=0.05", "--CrossBorder:RetryBaseSeconds=0.05", "--CrossBorder:RetryMaxSeconds=1",
            "--Logging:LogLevel:Default=Warning", "--Duplicates:ScanHourUtc=-1", $"--urls=http://127.0.0.1:{port}",
        ]);
        var app = builder.Build();
        SigurHost.Configure(app);
        if (bare)
        {
            var answer = new string('r', 400); // about the size of a signed receipt
            app.MapPost("/bare/inbox", async (HttpRequest request) =>
            {
                using var reader = new StreamReader(request.Body);
                _ = await reader.ReadToEndAsync();
                return Results.Text(answer);
            }).AllowAnonymous();
        }
        await FirstStart.MigrateIfConfiguredAsync(app.Services, app.Configuration, default);
        app.Services.GetRequiredService<KeyRingWarden>().EnsureCurrentKey();
        await app.StartAsync();
        return app;
    }

    private static async Task<Guid> OfficeAsync(WebApplication app, string country)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var office = new Organisation { Name = $"Coordinator's office {country}", Type = OrganisationType.NationalCoordinatorOffice, Country = country };
        db.Organisations.Add(office);
        await db.SaveChangesAsync();
        return office.Id;
    }

    /// <summary>Registers <paramref name="other"/> at <paramref name="app"/> with its current public keys.</summary>
    private static async Task<Peer> RegisterAsync(WebApplication app, WebApplication other, string country, int port, Guid office)
    {
        IReadOnlyList<InstanceKey> keys;
        await using (var scope = other.Services.CreateAsyncScope())
            keys = await InstanceKeys.EnsureAsync(scope.ServiceProvider.GetRequiredService<SigurDb>(), other.Services.GetRequiredService<KeyEncryptionKey>(), DateTime.UtcNow, default);
        await using var own = app.Services.CreateAsyncScope();
        var db = own.ServiceProvider.GetRequiredService<SigurDb>();
        var standIn = new Organisation { Name = $"Coordinator ({country})", Type = OrganisationType.NationalCoordinatorOffice, Country = country };
        var peer = new Peer
        {
            Country = country, Name = $"Coordinator {country}", InboxUrl = $"http://127.0.0.1:{port}/api/v1/trm/inbox", LegalBasis = "bench", AllowedOrganisationIds = [office],
            OrganisationId = standIn.Id, ReceivingOrganisationId = office, RegisteredAt = DateTime.UtcNow.AddMinutes(-1),
        };
        foreach (var key in keys)
            peer.Keys.Add(RegisterPeer.Key(peer, key.Use, InstanceKeys.ParsePublicJwk(key.PublicJwk)!.Value, DateTime.UtcNow.AddMinutes(-1)));
        db.Organisations.Add(standIn);
        db.Add(peer);
        await db.SaveChangesAsync();
        return peer;
    }

    private static async Task<List<(Case Case, Person Person, Guid Consent)>> CasesAsync(WebApplication app, Guid office, Peer peer, int n)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var made = new List<(Case, Person, Guid)>(n);
        for (var i = 0; i < n; i++)
        {
            var person = new Person { OrganisationId = office, GivenName = "Марија", FamilyName = $"Петровић {i}", DateOfBirth = "1998-05-02", Sex = Sex.Female, Citizenships = ["MK"], CreatedAt = DateTime.UtcNow };
            var c = new Case { Reference = $"B-{i:D8}", OrganisationId = office, PersonId = person.Id, IntakeDate = DateTime.UtcNow.Date, RegisteredAt = DateTime.UtcNow, FormsOfExploitation = ["SexualExploitation"] };
            var consent = new Consent
            {
                CaseId = c.Id, OrganisationId = office, RecipientOrganisationIds = [peer.OrganisationId], DataGroups = [DataGroup.Identity, DataGroup.Exploitation],
                Purpose = "bench", RecordedAt = DateTime.UtcNow, RecordedBy = Guid.NewGuid(), ValidUntil = DateTime.UtcNow.AddDays(30),
            };
            db.AddRange(person, c, consent);
            made.Add((c, person, consent.Id));
            if (i % 500 == 499) { await db.SaveChangesAsync(); db.ChangeTracker.Clear(); }
        }
        await db.SaveChangesAsync();
        return made;
    }

    private static async Task<int> CountAsync(WebApplication app, OutgoingStatus status)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SigurDb>().Set<OutgoingPackage>().CountAsync(p => p.Status == status);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
