using Microsoft.EntityFrameworkCore;

namespace Sigur.Data;

/// <summary>SigurDb on SQLite, the embedded default. Its migrations are under Data/Sqlite.</summary>
public sealed class SqliteSigurDb(DbContextOptions<SqliteSigurDb> options) : SigurDb(options)
{
    public override bool IsPostgres => false;
}

/// <summary>SigurDb on PostgreSQL, the production database. Its migrations are under Data/Postgres.</summary>
public sealed class PostgresSigurDb(DbContextOptions<PostgresSigurDb> options) : SigurDb(options)
{
    public override bool IsPostgres => true;
}
