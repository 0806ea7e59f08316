using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Sigur.Data;

/// <summary>
/// An invariant that concurrency could break ("one active referral per case and recipient") is a unique index, often
/// filtered; a use case still checks first for a friendly answer, and maps the index's refusal of the request that
/// lost the race to the same 409.
/// </summary>
public static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067; // SQLITE_CONSTRAINT_UNIQUE

    public static bool IsUniqueViolation(this DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode == SqliteConstraintUnique,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
