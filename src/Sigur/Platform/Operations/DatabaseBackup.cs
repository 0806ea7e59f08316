using System.Buffers.Binary;
using System.Data;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Sigur.Data;

namespace Sigur.Platform.Operations;

/// <summary>
/// <c>sigur backup</c> and <c>sigur restore</c>. The payload inside the encrypted <see cref="BackupFile"/> is the manifest
/// (length-prefixed JSON) followed by the database: on SQLite a page copy made by SQLite's online backup API (a
/// consistent snapshot while the server keeps writing), on PostgreSQL a <c>pg_dump</c> archive in custom format taken in
/// an exported snapshot, the same snapshot the manifest is computed in.
/// A restore goes only into an empty database, checks the whole file's authentication before it writes anything, and
/// compares the restored database with the manifest.
/// </summary>
public sealed class DatabaseBackup(DatabaseProvider provider, string connectionString, TimeProvider clock)
{
    public sealed record Outcome(IReadOnlyList<TableDigest> Tables, long Bytes);

    public async Task<Outcome> BackupAsync(string outputFile, BackupKey key, CancellationToken ct)
    {
        var partial = outputFile + ".partial";
        try
        {
            Outcome outcome;
            await using (var output = NewPrivateFile(partial))
            {
                await using var payload = await BackupFile.CreateAsync(output, provider.ToString(), key, clock, ct);
                outcome = provider == DatabaseProvider.Sqlite
                    ? await BackupSqliteAsync(payload, ct)
                    : await BackupPostgresAsync(payload, ct);
            }
            File.Move(partial, outputFile, overwrite: false);
            return outcome with { Bytes = new FileInfo(outputFile).Length };
        }
        finally { File.Delete(partial); }
    }

    public async Task<Outcome> RestoreAsync(string inputFile, BackupKey key, CancellationToken ct)
    {
        if (!File.Exists(inputFile)) throw new BackupException($"No backup file at {inputFile}.");
        await RequireEmptyTargetAsync(ct);

        // First pass: authenticate every chunk and read the manifest, so that a damaged file writes nothing at all.
        List<TableDigest> manifest;
        await using (var input = File.OpenRead(inputFile))
        {
            var (header, payload) = await BackupFile.OpenAsync(input, key, ct);
            if (header.Provider != provider.ToString())
                throw new BackupException($"This is a backup of a {header.Provider} database; Database:Provider is {provider}. Restore it into the same kind of database.");
            await using (payload)
            {
                manifest = await ReadManifestAsync(payload, ct);
                await payload.CopyToAsync(Stream.Null, ct);
            }
        }

        await using (var input = File.OpenRead(inputFile))
        {
            var (_, payload) = await BackupFile.OpenAsync(input, key, ct);
            await using (payload)
            {
                await ReadManifestAsync(payload, ct);
                if (provider == DatabaseProvider.Sqlite) await RestoreSqliteAsync(payload, manifest, ct);
                else await RestorePostgresAsync(payload, manifest, ct);
            }
        }
        return new Outcome(manifest, new FileInfo(inputFile).Length);
    }

    private async Task<Outcome> BackupSqliteAsync(Stream payload, CancellationToken ct)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (!File.Exists(source)) throw new BackupException($"There is no SQLite database at {Path.GetFullPath(source)}.");
        // The copy is as sensitive as the database (its fields are encrypted all the same): it goes beside it, not to /tmp.
        var snapshot = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, $".backup-{Guid.NewGuid():N}.db");
        try
        {
            await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Pooling = false }.ToString()))
            {
                await from.OpenAsync(ct);
                await to.OpenAsync(ct);
                from.BackupDatabase(to);
                // One file to carry: the copy leaves WAL mode, so that no -wal file holds part of it.
                await using var journal = to.CreateCommand();
                journal.CommandText = "PRAGMA journal_mode=DELETE";
                await journal.ExecuteNonQueryAsync(ct);
            }
            List<TableDigest> manifest;
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = snapshot, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            {
                await copy.OpenAsync(ct);
                manifest = await DatabaseManifest.ComputeAsync(copy, postgres: false, ct);
            }
            await WriteManifestAsync(payload, manifest, ct);
            await using (var file = File.OpenRead(snapshot)) await file.CopyToAsync(payload, ct);
            return new Outcome(manifest, 0);
        }
        finally { File.Delete(snapshot); }
    }

    private async Task<Outcome> BackupPostgresAsync(Stream payload, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        // The manifest and pg_dump read the same snapshot: this transaction exports it and stays open until pg_dump is done.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        string snapshot;
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, transaction))
            snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
        var manifest = await DatabaseManifest.ComputeAsync(connection, postgres: true, ct, transaction);
        await WriteManifestAsync(payload, manifest, ct);
        await RunPostgresToolAsync("pg_dump", ["--format=custom", "--snapshot=" + snapshot, "--no-password"], stdin: null, stdout: payload, ct);
        await transaction.CommitAsync(ct);
        return new Outcome(manifest, 0);
    }

    private async Task RestoreSqliteAsync(Stream payload, List<TableDigest> manifest, CancellationToken ct)
    {
        var target = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".restoring";
        try
        {
            await using (var file = NewPrivateFile(partial)) await payload.CopyToAsync(file, ct);
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            {
                await copy.OpenAsync(ct);
                RequireSame(manifest, await DatabaseManifest.ComputeAsync(copy, postgres: false, ct));
            }
            // Sigur runs SQLite in WAL mode, and EF's start-up check opens the file read-only, where the switch would fail.
            await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
            {
                await copy.OpenAsync(ct);
                await using var wal = copy.CreateCommand();
                wal.CommandText = "PRAGMA journal_mode=WAL";
                await wal.ExecuteNonQueryAsync(ct);
            }
            // Checked again just before the move: nothing may have appeared at the target meanwhile.
            await RequireEmptyTargetAsync(ct);
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            foreach (var leftover in new[] { partial, partial + "-wal", partial + "-shm" }) File.Delete(leftover);
        }
    }

    private async Task RestorePostgresAsync(Stream payload, List<TableDigest> manifest, CancellationToken ct)
    {
        // One transaction: pg_restore stopped half-way (a bad archive, a missing role) leaves the database empty.
        await RunPostgresToolAsync("pg_restore", ["--single-transaction", "--exit-on-error", "--no-owner", "--no-password"], stdin: payload, stdout: null, ct);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        RequireSame(manifest, await DatabaseManifest.ComputeAsync(connection, postgres: true, ct));
    }

    private static void RequireSame(List<TableDigest> manifest, List<TableDigest> restored)
    {
        var differences = DatabaseManifest.Differences(manifest, restored);
        if (differences.Count > 0)
            throw new BackupException("The restored database does not match the backup's manifest; do not use it. " + string.Join("; ", differences));
    }

    private async Task RequireEmptyTargetAsync(CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var target = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
            if (File.Exists(target) && new FileInfo(target).Length > 0 || File.Exists(target + "-wal") && new FileInfo(target + "-wal").Length > 0)
                throw new BackupException($"The target database {target} is not empty. A backup is restored only into an empty database: move the existing file away first.");
            return;
        }
        await using var connection = new NpgsqlConnection(connectionString);
        try { await connection.OpenAsync(ct); }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            throw new BackupException("The target database does not exist: create it (empty) first, e.g. createdb -O sigur sigur.");
        }
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
        if ((long)(await count.ExecuteScalarAsync(ct))! > 0)
            throw new BackupException($"The target database '{connection.Database}' is not empty. A backup is restored only into an empty database: create a new one (createdb) and point ConnectionStrings:Sigur at it.");
    }

    private static async Task WriteManifestAsync(Stream payload, List<TableDigest> manifest, CancellationToken ct)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(manifest);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, json.Length);
        await payload.WriteAsync(length, ct);
        await payload.WriteAsync(json, ct);
    }

    private static async Task<List<TableDigest>> ReadManifestAsync(Stream payload, CancellationToken ct)
    {
        var length = new byte[4];
        if (await payload.ReadAtLeastAsync(length, 4, false, ct) < 4) throw BackupFile.Damaged();
        var json = new byte[BinaryPrimitives.ReadInt32BigEndian(length)];
        if (await payload.ReadAtLeastAsync(json, json.Length, false, ct) < json.Length) throw BackupFile.Damaged();
        return JsonSerializer.Deserialize<List<TableDigest>>(json) ?? throw BackupFile.Damaged();
    }

    private static FileStream NewPrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    /// <summary>
    /// Runs pg_dump or pg_restore from Debian's package (the newest installed major version, which can read every older
    /// server), connected by libpq environment variables so the password never appears in a process listing.
    /// </summary>
    private async Task RunPostgresToolAsync(string tool, string[] args, Stream? stdin, Stream? stdout, CancellationToken ct)
    {
        var exe = PostgresTool(tool);
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var psi = new ProcessStartInfo(exe)
        {
            RedirectStandardInput = stdin is not null,
            RedirectStandardOutput = stdout is not null,
            RedirectStandardError = true,
        };
        foreach (var arg in args) psi.ArgumentList.Add(arg);
        if (tool == "pg_restore") psi.ArgumentList.Add("--dbname=" + cs.Database);
        psi.Environment["PGHOST"] = cs.Host;
        psi.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGDATABASE"] = cs.Database;
        psi.Environment["PGUSER"] = cs.Username;
        if (!string.IsNullOrEmpty(cs.Password)) psi.Environment["PGPASSWORD"] = cs.Password;
        psi.Environment["PGSSLMODE"] = cs.SslMode switch
        {
            SslMode.Disable => "disable", SslMode.Allow => "allow", SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca", SslMode.VerifyFull => "verify-full", _ => "prefer",
        };
        Process process;
        try { process = Process.Start(psi) ?? throw new BackupException($"Could not start {exe}."); }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"{tool} is not installed: install Debian's postgresql-client of the server's major version or newer.");
        }
        using var _ = process;
        var errors = process.StandardError.ReadToEndAsync(ct);
        try
        {
            var output = stdout is null ? Task.CompletedTask : process.StandardOutput.BaseStream.CopyToAsync(stdout, ct);
            if (stdin is not null)
            {
                await stdin.CopyToAsync(process.StandardInput.BaseStream, ct);
                process.StandardInput.Close();
            }
            await output;
            await process.WaitForExitAsync(ct);
        }
        catch
        {
            // A damaged chunk or a cancel: pg_restore must not commit what it has, so it is stopped, not left to finish.
            if (!process.HasExited) process.Kill();
            throw;
        }
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} failed (exit {process.ExitCode}): {(await errors).Trim()}");
    }

    private static string PostgresTool(string tool)
    {
        var installed = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                .Select(d => Path.Combine(d, "bin", tool)).FirstOrDefault(File.Exists)
            : null;
        return installed ?? tool; // else whatever PATH finds; an error names the tool if there is none
    }
}
