using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sigur.Data;
using Sigur.Features.Admin;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// An audit log that whoever can write to the database cannot rewrite: rows are append-only in the database, the chain
/// is keyed with a key outside it, and signed checkpoints outside it catch truncation.
/// </summary>
public sealed class AuditTamperingTests
{
    /// <summary>What an attacker who may change the schema does first.</summary>
    internal static Task DropAppendOnlyTriggersAsync(TestApp app) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(db.IsPostgres
        ? "DROP TRIGGER audit_entries_append_only ON audit_entries; DROP TRIGGER audit_entries_no_truncate ON audit_entries;"
        : "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;"));

    private static async Task<TestApp> AppWithActivityAsync(string provider, Action<IWebHostBuilder>? configure = null)
    {
        var app = await TestApp.StartAsync(provider, configure);
        var client = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var created = await client.RegisterAsync();
        for (var i = 0; i < 6; i++) await client.GetAsync($"/api/v1/cases/{created.Id}");
        return app;
    }

    private static Task<AuditVerification> VerifyAsync(TestApp app) =>
        app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None, checkpoints: app.Services.GetRequiredService<AuditCheckpoints>()));

    [Theory, BothProviders]
    public async Task Audit_rows_cannot_be_updated_or_deleted_in_the_database(string provider)
    {
        await using var app = await AppWithActivityAsync(provider);
        var rows = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET reason = 'x' WHERE sequence = 2")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries WHERE sequence = 2")));
        if (provider == Providers.Postgres)
            await Assert.ThrowsAnyAsync<Exception>(() => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries")));
        Assert.Equal(rows, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.True((await VerifyAsync(app)).Intact);
        // Appending goes on as before, and migrating again (the step is idempotent) keeps it so.
        await app.WithDbAsync(async db => { await DatabaseSetup.MigrateAsync(db, CancellationToken.None); return 0; });
        await app.NewOrganisationAsync();
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.CountAsync()) > rows);
    }

    [Theory, BothProviders]
    public async Task An_edit_with_the_chain_recomputed_without_the_key_is_named(string provider)
    {
        await using var app = await AppWithActivityAsync(provider);
        var victim = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.Read.Text()).OrderBy(e => e.Sequence).Select(e => e.Sequence).FirstAsync());
        await DropAppendOnlyTriggersAsync(app);

        // The attacker edits a row and recomputes every hash after it, as the chain was computed before it had a key.
        await app.WithDbAsync(async db =>
        {
            var rows = await db.AuditEntries.Where(e => e.Sequence >= victim).OrderBy(e => e.Sequence).ToListAsync();
            var previous = rows[0].PreviousHash;
            rows[0].Reason = "nothing to see";
            foreach (var row in rows)
            {
                row.PreviousHash = previous;
                row.Hash = previous = PlainSha256(row);
            }
            var head = await db.AuditChainHeads.SingleAsync();
            head.Hash = previous;
            return await db.SaveChangesAsync();
        });

        var verification = await VerifyAsync(app);
        Assert.False(verification.Intact);
        Assert.Equal(victim, verification.FirstBadSequence);
        Assert.Contains("edited", verification.Problem);
    }

    [Theory, BothProviders]
    public async Task Truncation_after_a_signed_checkpoint_is_named_and_a_forged_checkpoint_too(string provider)
    {
        await using var app = await AppWithActivityAsync(provider);
        var checkpoints = app.Services.GetRequiredService<AuditCheckpoints>();
        var checkpoint = await app.WithDbAsync(db => checkpoints.WriteAsync(db, CancellationToken.None));
        Assert.NotNull(checkpoint);
        Assert.Null(await app.WithDbAsync(db => checkpoints.WriteAsync(db, CancellationToken.None))); // nothing new: nothing signed
        var intact = await VerifyAsync(app);
        Assert.True(intact.Intact, intact.Problem);
        Assert.Equal(checkpoint!.Sequence, intact.LastCheckpoint!.Sequence);

        // The newest rows deleted and the head moved back to a row that is still there: the chain alone looks whole.
        await DropAppendOnlyTriggersAsync(app);
        var keep = checkpoint.Sequence - 3;
        await app.WithDbAsync(async db =>
        {
            var hash = await db.AuditEntries.Where(e => e.Sequence == keep).Select(e => e.Hash).SingleAsync();
            await db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE sequence > {keep}");
            return await db.Database.ExecuteSqlAsync($"UPDATE audit_chain_heads SET sequence = {keep}, hash = {hash}");
        });
        Assert.True((await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None))).Intact); // without the checkpoints
        var truncated = await VerifyAsync(app);
        Assert.False(truncated.Intact);
        Assert.Equal(keep + 1, truncated.FirstBadSequence);
        Assert.Contains("truncated", truncated.Problem);
        // And no new checkpoint blesses the shorter chain.
        await Assert.ThrowsAsync<AuditTamperedException>(() => app.WithDbAsync(db => checkpoints.WriteAsync(db, CancellationToken.None)));

        // A checkpoint line edited to claim fewer rows no longer carries a valid signature.
        var lines = await File.ReadAllLinesAsync(checkpoints.FilePath);
        await File.WriteAllLinesAsync(checkpoints.FilePath, [lines[0].Replace($"\"sequence\":{checkpoint.Sequence}", $"\"sequence\":{keep}")]);
        var forged = await VerifyAsync(app);
        Assert.False(forged.Intact);
        Assert.Contains("not signed", forged.Problem);
    }

    [Theory, BothProviders]
    public async Task Shutdown_leaves_a_signed_checkpoint_beside_the_key_encryption_key(string provider)
    {
        var dir = Directory.CreateTempSubdirectory("sigur-kek-").FullName;
        try
        {
            long rows;
            await using (var app = await AppWithActivityAsync(provider, b => b.UseSetting("Sigur:KeyEncryptionKeyFile", Path.Combine(dir, "sigur.kek"))))
                rows = await app.WithDbAsync(db => db.AuditEntries.LongCountAsync());

            var file = Path.Combine(dir, AuditCheckpoints.FileName);
            Assert.True(File.Exists(file));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir, AuditCheckpoints.KeyFileName)));
            }
            var reader = new AuditCheckpoints(KeyEncryptionKey.Load(Path.Combine(dir, "sigur.kek")), dir, TimeProvider.System, [],
                Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditCheckpoints>.Instance);
            var last = Assert.IsType<AuditCheckpoint>(reader.Read()[^1]);
            Assert.True(reader.IsSigned(last));
            Assert.True(last.Sequence >= rows);
            Assert.False(reader.IsSigned(last with { Sequence = last.Sequence - 1 }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory, BothProviders]
    public async Task A_probe_outside_scope_and_a_break_glass_on_no_case_are_audited_as_denied_and_answered_as_before(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var owner = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var theirs = await owner.RegisterAsync();
        var police = await app.NewOrganisationAsync(OrganisationType.Police);
        var prober = await app.NewUserAsync(Role.PoliceInvestigator, police.Id);
        var client = await app.SignInAsync(prober);

        var outside = await client.GetAsync($"/api/v1/cases/{theirs.Id}");
        var nowhere = await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nowhere.StatusCode);
        Assert.Equal(Shape(await nowhere.Content.ReadAsStringAsync()), Shape(await outside.Content.ReadAsStringAsync()));
        var glass = await client.PostJsonAsync("/api/v1/break-glass", new BreakGlass.Request("NO-SUCH-REF-1", "Victim reported abducted tonight; need to find her."));
        Assert.Equal(HttpStatusCode.NotFound, glass.StatusCode);

        var denied = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserId == prober.Id && e.Action == AuditAction.Denied.Text()).ToListAsync());
        Assert.Single(denied, e => e.Reason == $"GET /api/v1/cases/{theirs.Id}: not found");
        Assert.Single(denied, e => e.Reason!.StartsWith("GET /api/v1/cases/", StringComparison.Ordinal) && !e.Reason.Contains(theirs.Id.ToString()));
        var breakGlass = Assert.Single(denied, e => e.Reason!.StartsWith("break-glass", StringComparison.Ordinal));
        Assert.Equal(police.Id, breakGlass.OrganisationId);
        Assert.Equal(3, denied.Count); // one row each: the break-glass row is not doubled by the 404 audit
        Assert.Empty(await app.WithDbAsync(db => db.BreakGlassGrants.Where(g => g.UserId == prober.Id).ToListAsync()));
    }

    // A 404's body differs only in its trace id.
    private static string Shape(string body) => System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "");

    private static string PlainSha256(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        e.Sequence, e.At.ToUniversalTime().Ticks, e.UserId?.ToString() ?? "", e.OrganisationId?.ToString() ?? "", e.Role ?? "", e.Action,
        e.RecordType ?? "", e.RecordIds ?? "", e.FieldGroups ?? "", e.Reason ?? "", e.Address ?? "", e.PreviousHash))));
}

/// <summary>On PostgreSQL the application runs as a role that cannot rewrite audit rows; a separate owner role migrates.</summary>
public sealed class AuditRoleTests
{
    [Fact]
    public async Task The_application_role_may_append_and_read_audit_rows_but_not_change_or_remove_them()
    {
        Providers.RequireAvailable(Providers.Postgres);
        var role = $"sigur_app_{Guid.NewGuid():N}"[..24];
        await using (var admin = new NpgsqlConnection(PostgresCluster.Shared.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN", admin);
            await create.ExecuteNonQueryAsync();
        }
        // The owner (the cluster's superuser here) migrates and grants.
        await using var app = await TestApp.StartAsync(Providers.Postgres, b => b.UseSetting("Database:ApplicationRole", role));
        var client = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var created = await client.RegisterAsync();

        var owner = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ConnectionStrings:Sigur"]);
        await using var asApp = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Username = role, Pooling = false }.ConnectionString);
        await asApp.OpenAsync();
        async Task<int> Run(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, asApp);
            return await cmd.ExecuteNonQueryAsync();
        }
        async Task Refused(string sql) => Assert.Equal(PostgresErrorCodes.InsufficientPrivilege,
            (await Assert.ThrowsAsync<PostgresException>(() => Run(sql))).SqlState);

        await using (var count = new NpgsqlCommand("SELECT count(*) FROM audit_entries", asApp))
            Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
        await Refused("UPDATE audit_entries SET reason = 'x'");
        await Refused("DELETE FROM audit_entries");
        await Refused("TRUNCATE audit_entries");
        await Refused("DROP TRIGGER audit_entries_append_only ON audit_entries");
        await Refused("ALTER TABLE audit_entries DISABLE TRIGGER ALL");
        // Everything else the application does, it may: move the chain head, append, change records.
        await using (var tx = await asApp.BeginTransactionAsync())
        {
            Assert.Equal(1, await Run("UPDATE audit_chain_heads SET sequence = sequence WHERE id = 1"));
            Assert.Equal(1, await Run($"UPDATE cases SET version = version WHERE id = '{created.Id}'"));
            Assert.Equal(1, await Run("INSERT INTO audit_entries (sequence, at, action, previous_hash, hash) VALUES (999999, now(), 'test', '', '')"));
            await tx.RollbackAsync();
        }
        Assert.True((await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None))).Intact);
    }
}
