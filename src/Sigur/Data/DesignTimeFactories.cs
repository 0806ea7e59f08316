using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Sigur.Platform;

namespace Sigur.Data;

// Used only by `dotnet ef migrations add`: the model does not depend on keys, so throwaway ones do.
internal static class DesignTime
{
    public static FieldProtection Protection() =>
        new(new EphemeralDataProtectionProvider(), KeyEncryptionKey.FromBytes(new byte[32]));

    public static T Bound<T>(T db) where T : SigurDb
    {
        db.Bind(Protection(), CurrentUser.System(), new AccessScopeHolder(), TimeProvider.System);
        return db;
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSigurDb>
{
    public SqliteSigurDb CreateDbContext(string[] args) => DesignTime.Bound(new SqliteSigurDb(
        new DbContextOptionsBuilder<SqliteSigurDb>().UseSqlite(DatabaseSetup.DefaultSqliteConnection, s => s.MigrationsHistoryTable("ef_migrations_history")).Options));
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSigurDb>
{
    public PostgresSigurDb CreateDbContext(string[] args) => DesignTime.Bound(new PostgresSigurDb(
        new DbContextOptionsBuilder<PostgresSigurDb>().UseNpgsql("Host=localhost;Database=sigur", n => n.MigrationsHistoryTable("ef_migrations_history")).Options));
}
