using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;

namespace Sigur.Platform.Audit;

/// <summary>
/// Makes audit rows append-only in the database itself, after every migration (idempotent; EF cannot model it, and
/// a regenerated migration must not lose it). On both providers triggers abort UPDATE and DELETE of audit rows (and
/// TRUNCATE on PostgreSQL), so only someone who can change the schema can remove them. On PostgreSQL the application
/// should also run as a role that cannot change the schema: given Database:ApplicationRole, the owner role that
/// migrates grants that role what the application needs and no UPDATE, DELETE or TRUNCATE on audit rows (README,
/// "Running on PostgreSQL").
/// </summary>
public static partial class AuditAppendOnly
{
    public static async Task EnsureAsync(SigurDb db, string? applicationRole, CancellationToken ct)
    {
        if (!db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS audit_entries_no_update BEFORE UPDATE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
                CREATE TRIGGER IF NOT EXISTS audit_entries_no_delete BEFORE DELETE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
                """, ct);
            return;
        }
        await db.Database.ExecuteSqlRawAsync("""
            CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'audit rows are append-only' USING ERRCODE = 'insufficient_privilege'; END $$;
            CREATE OR REPLACE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
                FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only();
            CREATE OR REPLACE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only();
            """, ct);
        if (string.IsNullOrEmpty(applicationRole)) return;
        if (!RoleName().IsMatch(applicationRole))
            throw new InvalidOperationException("Database:ApplicationRole must be a plain PostgreSQL role name (lower-case letters, digits, underscores).");
        // Identifiers cannot be parameters; the name is checked above and quoted here.
        var role = $"\"{applicationRole}\"";
        var grants = $"""
            DO $$ BEGIN
                EXECUTE format('GRANT USAGE ON SCHEMA %I TO %s', current_schema(), '{role}');
                EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %s', current_schema(), '{role}');
                EXECUTE format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %s', current_schema(), '{role}');
            END $$;
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM {role};
            REVOKE UPDATE, DELETE, TRUNCATE ON ef_migrations_history FROM {role};
            """;
        await db.Database.ExecuteSqlRawAsync(grants, ct);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}
