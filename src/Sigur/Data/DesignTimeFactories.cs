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
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSigurDb>
{
    public SqliteSigurDb CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteSigurDb>().UseSqlite(DatabaseSetup.DefaultSqliteConnection, s => s.MigrationsHistoryTable("ef_migrations_history")).Options,
        DesignTime.Protection(), CurrentUser.System(), new AccessScopeHolder(), TimeProvider.System);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSigurDb>
{
    public PostgresSigurDb CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresSigurDb>().UseNpgsql("Host=localhost;Database=sigur", n => n.MigrationsHistoryTable("ef_migrations_history")).Options,
        DesignTime.Protection(), CurrentUser.System(), new AccessScopeHolder(), TimeProvider.System);
}
