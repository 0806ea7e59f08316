using Microsoft.EntityFrameworkCore;
using Sigur.Platform;

namespace Sigur.Data;

/// <summary>SigurDb on SQLite, the embedded default. Its migrations are under Data/Sqlite.</summary>
public sealed class SqliteSigurDb(DbContextOptions<SqliteSigurDb> options, FieldProtection protection, CurrentUser user, AccessScopeHolder scope, TimeProvider clock)
    : SigurDb(options, protection, user, scope, clock)
{
    public override bool IsPostgres => false;
}

/// <summary>SigurDb on PostgreSQL, the production database. Its migrations are under Data/Postgres.</summary>
public sealed class PostgresSigurDb(DbContextOptions<PostgresSigurDb> options, FieldProtection protection, CurrentUser user, AccessScopeHolder scope, TimeProvider clock)
    : SigurDb(options, protection, user, scope, clock)
{
    public override bool IsPostgres => true;
}
