using Sigur.Platform;
using Sigur.Platform.Operations;
using System.CommandLine;
using Sigur.Data;
using Sigur.Platform.Audit;

namespace Sigur.Host;

/// <summary>`sigur backup --out FILE` and `sigur restore FILE`, for the configured provider and database.</summary>
public static class BackupCommands
{
    /// <summary>Instead of --passphrase-file: a passphrase on the command line would show in the process list and the shell history.</summary>
    public const string PassphraseVariable = "SIGUR_BACKUP_PASSPHRASE";

    public static IEnumerable<Command> Build()
    {
        var output = new Option<FileInfo>("--out") { Required = true, Description = "The backup file to write (must not exist)." };
        var passphrase = new Option<FileInfo?>("--passphrase-file")
        {
            Description = $"Encrypt under a passphrase read from this file (or {PassphraseVariable}) instead of a key derived from the key-encryption key.",
        };
        var backup = new Command("backup", "Write an encrypted, integrity-checked backup of the database (online: the server keeps running).") { output, passphrase };
        backup.SetAction((parse, ct) => Guarded(() => Commands.WithServices(async sp =>
        {
            var file = parse.GetValue(output)!;
            if (file.Exists) throw new BackupException($"{file.FullName} exists; a backup never overwrites a file.");
            var key = PassphraseFrom(parse.GetValue(passphrase)) is { } phrase ? BackupKey.Passphrase(phrase) : BackupKey.Kek(sp.GetRequiredService<KeyEncryptionKey>());
            var outcome = await For(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<TimeProvider>()).BackupAsync(file.FullName, key, ct);
            await sp.GetRequiredService<Platform.Audit.Audit>().EventAsync(AuditAction.Export, "Database", reason: "sigur backup (command line)");
            Console.WriteLine($"Backup written to {file.FullName}: {outcome.Bytes:N0} bytes, {outcome.Tables.Count} tables, {outcome.Tables.Sum(t => t.Rows):N0} rows.");
            if (key.Source == BackupKey.FromKek)
                Console.WriteLine("It is encrypted under the key-encryption key: keep a copy of that key apart from the backups, or neither can be read.");
            return 0;
        })));

        var input = new Argument<FileInfo>("file") { Description = "The backup file." };
        var restore = new Command("restore", "Restore a backup into an empty database (the configured one), then check it against the backup's manifest.") { input, passphrase };
        restore.SetAction((parse, ct) => Guarded(async () =>
        {
            // Not the whole host: it would make a key-encryption key where none is, and the restore needs the old one.
            var builder = SigurHost.CreateBuilder([]);
            var config = builder.Configuration;
            BackupKey key;
            if (PassphraseFrom(parse.GetValue(passphrase)) is { } phrase) key = BackupKey.Passphrase(phrase);
            else
            {
                var kekFile = KeyEncryptionKey.FileFrom(config);
                key = BackupKey.Kek(KeyEncryptionKey.LoadExisting(kekFile) ?? throw new BackupException(
                    $"No key-encryption key: put the one kept from the installation that made the backup at {kekFile} (or in {KeyEncryptionKey.EnvironmentVariable}). Without it neither the backup nor the records in it can be read."));
            }
            var outcome = await For(config, TimeProvider.System).RestoreAsync(parse.GetValue(input)!.FullName, key, ct);
            Console.WriteLine($"Restored {outcome.Tables.Count} tables, {outcome.Tables.Sum(t => t.Rows):N0} rows; every table matches the backup's manifest.");
            Console.WriteLine("Next: `sigur audit verify`, then start Sigur with the same key-encryption key.");
            return 0;
        }));
        return [backup, restore];
    }

    public static DatabaseBackup For(IConfiguration config, TimeProvider clock)
    {
        var provider = DatabaseSetup.ProviderFrom(config);
        return new DatabaseBackup(provider, DatabaseSetup.ConnectionStringFrom(config, provider), clock);
    }

    private static string? PassphraseFrom(FileInfo? file)
    {
        if (file is not null)
            return file.Exists ? File.ReadAllText(file.FullName).TrimEnd('\r', '\n') : throw new BackupException($"No passphrase file at {file.FullName}.");
        return Environment.GetEnvironmentVariable(PassphraseVariable) is { Length: > 0 } phrase ? phrase : null;
    }

    /// <summary>A backup that cannot be made or used is the operator's to fix: one clear line and exit code 2, no stack trace.</summary>
    private static async Task<int> Guarded(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (BackupException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }
}
