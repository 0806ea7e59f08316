using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Sigur.Platform.Access;

namespace Sigur.Data;

public enum DatabaseProvider { Sqlite, Postgres }

/// <summary>
/// Chooses the provider from configuration (Database:Provider = Sqlite | Postgres), never by guessing, and the
/// connection string from ConnectionStrings:Sigur.
/// </summary>
public static class DatabaseSetup
{
    public const string DefaultSqliteConnection = "Data Source=data/sigur.db";

    /// <summary>
    /// Applies pending migrations with an hour's command timeout (a migration that backfills an index over a million
    /// cases outlasts the 30-second default, and a migration cut off half-way is worse than a slow one), then adds
    /// what EF cannot model: the audit log's append-only triggers and, given <paramref name="applicationRole"/>
    /// (Database:ApplicationRole), the grants of the role the application runs as on PostgreSQL.
    /// </summary>
    public static async Task MigrateAsync(SigurDb db, CancellationToken ct, string? applicationRole = null)
    {
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        try { await db.Database.MigrateAsync(ct); }
        finally { db.Database.SetCommandTimeout(timeout); }
        await Platform.Audit.AuditAppendOnly.EnsureAsync(db, applicationRole, ct);
    }

    public static DatabaseProvider ProviderFrom(IConfiguration config)
    {
        var value = config["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{value}'.");
    }

    public static string ConnectionStringFrom(IConfiguration config, DatabaseProvider provider) =>
        config.GetConnectionString("Sigur") is { Length: > 0 } cs ? cs
        : provider == DatabaseProvider.Sqlite ? DefaultSqliteConnection
        : throw new InvalidOperationException("ConnectionStrings:Sigur is required when Database:Provider is Postgres.");

    /// <summary>
    /// The PostgreSQL connection string with Sigur's defaults where the operator set nothing: statements that run
    /// again and again (the need-to-know scope, the case list, the audit append) are prepared on the server after
    /// their second use, so PostgreSQL stops parsing and planning them on every request — planning the case search
    /// took 1 ms, running it 0.3 ms —, and connections go back to the pool without a reset.
    /// </summary>
    public static string PostgresConnectionString(string connectionString)
    {
        // Npgsql's own builder claims to contain every keyword it knows, so ask a plain one what was written.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare")) builder.MaxAutoPrepare = 64;
        if (!given.ContainsKey("Auto Prepare Min Usages")) builder.AutoPrepareMinUsages = 2;
        // A pooled connection is otherwise reset with seven statements each time it goes back to the pool, i.e. after
        // every query of a request. Sigur leaves no session state to reset: no SET, temporary tables, advisory locks
        // or LISTEN (an open transaction is rolled back on return either way).
        if (!given.ContainsKey("No Reset On Close")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>The folder that holds the SQLite file; the key-encryption key file goes beside it.</summary>
    public static string DataDirectory(IConfiguration config)
    {
        var provider = ProviderFrom(config);
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(ConnectionStringFrom(config, provider)).DataSource;
            var dir = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(dir)) return dir;
        }
        return Path.GetFullPath("data");
    }

    /// <summary>
    /// The SQLite file readable by Sigur's user only (0600), in a folder only it may enter (0700) when Sigur makes the
    /// folder. SQLite creates the file 0644 and gives its -wal and -shm files the file's own mode when it creates them,
    /// so the mode is narrowed here before the database is used (at start-up for a file that exists) and again as the
    /// first connection opens, before it switches to WAL (for a file SQLite has just made). Not pre-created empty: EF
    /// would take an empty file for an existing database and open it read-only.
    /// </summary>
    internal static void OwnerOnly(string file)
    {
        if (file.Length == 0 || file == ":memory:" || file.StartsWith("file:", StringComparison.Ordinal)) return;
        var path = Path.GetFullPath(file);
        var dir = Path.GetDirectoryName(path);
        if (OperatingSystem.IsWindows())
        {
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            return;
        }
        if (!string.IsNullOrEmpty(dir) && !Directory.Exists(dir))
            Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        foreach (var existing in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            if (File.Exists(existing) && File.GetUnixFileMode(existing) != ownerOnly) File.SetUnixFileMode(existing, ownerOnly);
    }

    public static IServiceCollection AddSigurDatabase(this IServiceCollection services, IConfiguration config)
    {
        var provider = ProviderFrom(config);
        var connectionString = ConnectionStringFrom(config, provider);
        if (provider == DatabaseProvider.Sqlite)
        {
            OwnerOnly(new SqliteConnectionStringBuilder(connectionString).DataSource);
            services.AddPooledDbContextFactory<SqliteSigurDb>(o => o
                .UseSqlite(connectionString, s => s.MigrationsHistoryTable("ef_migrations_history"))
                // Minimisation of what a referral recipient sees happens as EF builds each object (see Disclosure).
                .AddInterceptors(new SqliteDurability(), new Features.Statistics.AgeAtIntakeStamp(), DisclosureInterceptor.Instance, CommitInterceptor.Instance)
                .ReplaceService<IModelCacheKeyFactory, PerProtectionModelCacheKey>());
            services.AddScoped<SigurDb>(sp => sp.GetRequiredService<IDbContextFactory<SqliteSigurDb>>().CreateDbContext().Bind(sp));
        }
        else
        {
            services.AddPooledDbContextFactory<PostgresSigurDb>(o => o
                .UseNpgsql(PostgresConnectionString(connectionString), n => n.MigrationsHistoryTable("ef_migrations_history"))
                .AddInterceptors(new Features.Statistics.AgeAtIntakeStamp(), DisclosureInterceptor.Instance, CommitInterceptor.Instance)
                .ReplaceService<IModelCacheKeyFactory, PerProtectionModelCacheKey>());
            services.AddScoped<SigurDb>(sp => sp.GetRequiredService<IDbContextFactory<PostgresSigurDb>>().CreateDbContext().Bind(sp));
        }
        return services;
    }
}

/// <summary>
/// WAL for concurrent readers, synchronous=FULL so that an acknowledged write survives kill -9 and power loss,
/// foreign keys on. synchronous and foreign_keys are per connection, so they are set on every open.
/// </summary>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;";

    // Each file once per process (see DatabaseSetup.OwnerOnly): its first connection may have just created it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> Narrowed = new();

    private static void NarrowOnce(DbConnection connection)
    {
        if (!Narrowed.ContainsKey(connection.DataSource) && Narrowed.TryAdd(connection.DataSource, true)) DatabaseSetup.OwnerOnly(connection.DataSource);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        NarrowOnce(connection);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        NarrowOnce(connection);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// The model closes over the host's field protector (its value converters encrypt with it), so two hosts in one
/// process — as in the tests — must not share a cached model.
/// </summary>
internal sealed class PerProtectionModelCacheKey : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), ((SigurDb)context).Protection, designTime);
}
