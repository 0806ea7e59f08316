using Sigur.Host;
using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Operations;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// The restore drill of issue 21 §1, on both providers: back up a live database, restore it into an empty one, and find
/// every table equal, the audit chain intact, and a record readable with the key-encryption key kept apart — and not
/// without it.
/// </summary>
public sealed class BackupRestoreTests
{
    [Theory, BothProviders]
    public async Task A_restored_backup_has_every_row_an_intact_audit_chain_and_reads_only_with_the_kept_key(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var user = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var client = await app.SignInAsync(user);
        var created = await client.RegisterAsync(CaseRequests.New("Rezerva", "Kopija", "Narrative kept in the backup"));
        await client.GetAsync($"/api/v1/cases/{created.Id}"); // an audited read, so the chain has rows of every kind

        using var work = new TempDir();
        var file = Path.Combine(work.Path, "sigur.backup");
        var kek = app.Services.GetRequiredService<KeyEncryptionKey>();
        var backup = await Backup(app).BackupAsync(file, BackupKey.Kek(kek), CancellationToken.None);
        Assert.Contains(backup.Tables, t => t.Table.EndsWith("cases", StringComparison.Ordinal) && t.Rows >= 1);
        Assert.Contains(backup.Tables, t => t.Table.EndsWith("audit_entries", StringComparison.Ordinal) && t.Rows >= 1);

        var target = await EmptyDatabaseAsync(provider, work.Path);
        var restored = await new DatabaseBackup(Enum.Parse<DatabaseProvider>(provider), target, TimeProvider.System)
            .RestoreAsync(file, BackupKey.Kek(kek), CancellationToken.None);
        Assert.Equal(backup.Tables, restored.Tables);

        // Counted and hashed again here, independently of the restore's own check.
        Assert.Equal(backup.Tables, await ManifestOfAsync(provider, target));

        // The key-encryption key, kept apart, is all the restored database needs.
        var keptKek = Path.Combine(work.Path, "kept.kek");
        File.Copy(app.Services.GetRequiredService<IConfiguration>()["Sigur:KeyEncryptionKeyFile"]!, keptKek);
        await using (var again = await TestApp.StartAsync(provider, On(target, keptKek)))
        {
            var verification = await again.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));
            Assert.True(verification.Intact, verification.Problem);
            var detail = await (await (await again.SignInAsync(user)).GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<Sigur.Features.Cases.CaseDetail>();
            Assert.Equal(("Rezerva", "Narrative kept in the backup"), (detail.Person.GivenName, detail.Narrative));
        }

        // Without it: a second restore of the same backup, started with a new key, refuses to start and says why.
        var second = await EmptyDatabaseAsync(provider, work.Path);
        await new DatabaseBackup(Enum.Parse<DatabaseProvider>(provider), second, TimeProvider.System).RestoreAsync(file, BackupKey.Kek(kek), CancellationToken.None);
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var wrong = await TestApp.StartAsync(provider, On(second, Path.Combine(work.Path, "new.kek")));
        });
        Assert.True(Flatten(failure).Contains("key-encryption key", StringComparison.Ordinal), Flatten(failure));
    }

    [Theory, BothProviders]
    public async Task A_wrong_key_a_damaged_file_and_a_database_in_use_are_refused_with_a_clear_message_and_nothing_written(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        await (await app.ClientAsync(Role.CaseWorker, org.Id)).RegisterAsync();
        using var work = new TempDir();
        var file = Path.Combine(work.Path, "sigur.backup");
        var kek = BackupKey.Kek(app.Services.GetRequiredService<KeyEncryptionKey>());
        await Backup(app).BackupAsync(file, kek, CancellationToken.None);

        var target = await EmptyDatabaseAsync(provider, work.Path);
        var into = new DatabaseBackup(Enum.Parse<DatabaseProvider>(provider), target, TimeProvider.System);

        var wrongKey = await Assert.ThrowsAsync<BackupException>(() =>
            into.RestoreAsync(file, BackupKey.Kek(KeyEncryptionKey.FromBytes(new byte[32])), CancellationToken.None));
        Assert.StartsWith("Wrong key", wrongKey.Message);
        var passphraseInstead = await Assert.ThrowsAsync<BackupException>(() =>
            into.RestoreAsync(file, BackupKey.Passphrase("a passphrase it never had"), CancellationToken.None));
        Assert.Contains("not a passphrase", passphraseInstead.Message);

        var bytes = await File.ReadAllBytesAsync(file);
        var flipped = Path.Combine(work.Path, "flipped.backup");
        bytes[bytes.Length / 2] ^= 0x40; // inside the encrypted payload: the database's pages or pg_dump's archive
        await File.WriteAllBytesAsync(flipped, bytes);
        bytes[bytes.Length / 2] ^= 0x40;
        var truncated = Path.Combine(work.Path, "truncated.backup");
        await File.WriteAllBytesAsync(truncated, bytes[..^100]);
        var header = Path.Combine(work.Path, "header.backup");
        var edited = bytes.ToArray();
        var at = new ReadOnlySpan<byte>(edited).IndexOf(System.Text.Encoding.UTF8.GetBytes(provider));
        edited[at + 1] ^= 0x20; // Sqlite → SQlite, Postgres → POstgres: the header is authenticated too
        await File.WriteAllBytesAsync(header, edited);
        foreach (var damaged in new[] { flipped, truncated })
        {
            var ex = await Assert.ThrowsAsync<BackupException>(() => into.RestoreAsync(damaged, kek, CancellationToken.None));
            Assert.StartsWith("The backup file is damaged or has been altered", ex.Message);
        }
        await Assert.ThrowsAsync<BackupException>(() => into.RestoreAsync(header, kek, CancellationToken.None));
        Assert.Empty(await ManifestOfAsync(provider, target)); // nothing half-written

        var inUse = await Assert.ThrowsAsync<BackupException>(() => Backup(app).RestoreAsync(file, kek, CancellationToken.None));
        Assert.Contains("is not empty", inUse.Message);

        // A passphrase backup opens with the passphrase only.
        var withPhrase = Path.Combine(work.Path, "phrase.backup");
        await Backup(app).BackupAsync(withPhrase, BackupKey.Passphrase("correct horse battery staple"), CancellationToken.None);
        var wrongPhrase = await Assert.ThrowsAsync<BackupException>(() =>
            into.RestoreAsync(withPhrase, BackupKey.Passphrase("incorrect horse battery staple"), CancellationToken.None));
        Assert.Equal("Wrong passphrase for this backup.", wrongPhrase.Message);
        var restored = await into.RestoreAsync(withPhrase, BackupKey.Passphrase("correct horse battery staple"), CancellationToken.None);
        Assert.Equal(restored.Tables, await ManifestOfAsync(provider, target));
    }

    private static DatabaseBackup Backup(TestApp app) =>
        BackupCommands.For(app.Services.GetRequiredService<IConfiguration>(), TimeProvider.System);

    private static Action<IWebHostBuilder> On(string connectionString, string kekFile) => b =>
    {
        b.UseSetting("ConnectionStrings:Sigur", connectionString);
        b.UseSetting("Sigur:KeyEncryptionKeyFile", kekFile);
    };

    private static async Task<string> EmptyDatabaseAsync(string provider, string dir) => provider == Providers.Sqlite
        ? $"Data Source={Path.Combine(dir, $"restored-{Guid.NewGuid():N}.db")}"
        : await PostgresCluster.Shared.CreateDatabaseAsync();

    private static async Task<List<TableDigest>> ManifestOfAsync(string provider, string connectionString)
    {
        await using DbConnection connection = provider == Providers.Sqlite
            ? new SqliteConnection(connectionString + ";Pooling=false")
            : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return await DatabaseManifest.ComputeAsync(connection, provider == Providers.Postgres, CancellationToken.None);
    }

    private static string Flatten(Exception ex) => ex.InnerException is null ? ex.Message : ex.Message + " → " + Flatten(ex.InnerException);

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sigur-backup-").FullName;
        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
