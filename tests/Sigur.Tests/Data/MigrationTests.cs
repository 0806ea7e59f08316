using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Tests.Data;

/// <summary>The model and each provider's migrations agree: a model change without a migration for both fails here.</summary>
public sealed class MigrationTests
{
    private static FieldProtection Protection() => new(new EphemeralDataProtectionProvider(), KeyEncryptionKey.FromBytes(new byte[32]));

    [Fact]
    public void Sqlite_migrations_match_the_model()
    {
        using var db = new SqliteSigurDb(new DbContextOptionsBuilder<SqliteSigurDb>().UseSqlite("Data Source=:memory:").Options)
            .Bind(Protection(), CurrentUser.System(), new AccessScopeHolder(), TimeProvider.System);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no SQLite migration covers: add one (see README).");
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void Postgres_migrations_match_the_model()
    {
        using var db = new PostgresSigurDb(new DbContextOptionsBuilder<PostgresSigurDb>().UseNpgsql("Host=localhost").Options)
            .Bind(Protection(), CurrentUser.System(), new AccessScopeHolder(), TimeProvider.System);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes that no PostgreSQL migration covers: add one (see README).");
        Assert.Equal(
            new SqliteSigurDb(new DbContextOptionsBuilder<SqliteSigurDb>().UseSqlite("Data Source=:memory:").Options).Bind(Protection(), CurrentUser.System(), new AccessScopeHolder(), TimeProvider.System)
                .Database.GetMigrations().Select(m => m[15..]),
            db.Database.GetMigrations().Select(m => m[15..]));
    }
}
