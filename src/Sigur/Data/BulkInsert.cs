using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Sigur.Data;

/// <summary>
/// Writes many new rows of one entity type straight into its table, in the context's current connection and
/// transaction, for imports that change tracking makes too slow (it costs more than everything else per row). The
/// table, columns and values come from the EF model, so the rows are exactly what SaveChanges would write: snake_case
/// names, enums as strings, lists as arrays (PostgreSQL) or JSON (SQLite), and [Sensitive] properties encrypted by the
/// model's converter. Two steps: <see cref="Convert"/> computes the stored values on all cores (encryption is most of
/// the work) and touches no connection, so it can run for the next rows while <see cref="WriteAsync(SigurDb, Converted, CancellationToken)"/>
/// sends the previous ones: binary COPY on PostgreSQL, a prepared INSERT on SQLite.
/// What SaveChanges does besides writing is the caller's: no change audit, no interceptors (AgeAtIntakeStamp), no
/// concurrency tokens, no database-generated values — every property is written as it is on the object.
/// </summary>
public static class BulkInsert
{
    /// <summary>One column: its name, its type mapping (store type, parameter set-up), and how to read its stored value from an entity.</summary>
    internal sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Value);

    /// <summary>Rows of one table as stored values, row after row, ready to be written.</summary>
    public sealed class Converted
    {
        internal Converted(string table, Column[] columns, object?[] values) => (Table, Columns, Values) = (table, columns, values);

        internal string Table { get; }
        internal Column[] Columns { get; }
        internal object?[] Values { get; }
        public int Count => Values.Length / Columns.Length;
    }

    /// <summary>Converts and writes <paramref name="rows"/>.</summary>
    public static Task WriteAsync<T>(SigurDb db, IReadOnlyList<T> rows, CancellationToken ct) where T : class =>
        WriteAsync(db, Convert(db, rows), ct);

    /// <summary>
    /// The stored values of <paramref name="rows"/>, computed in parallel (the Data Protection protector behind the
    /// [Sensitive] converter is thread-safe). Reads only the model, never the connection: safe beside a write in progress.
    /// </summary>
    public static Converted Convert<T>(SigurDb db, IReadOnlyList<T> rows) where T : class
    {
        var (table, columns) = Describe(db, typeof(T));
        var width = columns.Length;
        var values = new object?[rows.Count * width];
        Parallel.For(0, (rows.Count + 1023) / 1024, chunk =>
        {
            for (var i = chunk * 1024; i < Math.Min(rows.Count, (chunk + 1) * 1024); i++)
            {
                var entity = rows[i];
                for (var c = 0; c < width; c++) values[i * width + c] = columns[c].Value(entity);
            }
        });
        return new Converted(table, columns, values);
    }

    /// <summary>Writes converted rows in order, inside the context's transaction; <paramref name="written"/> hears the rows written so far.</summary>
    public static async Task WriteAsync(SigurDb db, Converted rows, CancellationToken ct, Action<int>? written = null)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("BulkInsert writes inside the caller's transaction, so that a failure leaves nothing half-written.");
        if (rows.Count == 0) return;
        if (db.IsPostgres) await CopyAsync(db, rows, written, ct);
        else await InsertAsync(db, rows, written, ct);
    }

    /// <summary>
    /// On SQLite, a 256 MB page cache for this connection until disposed (then the previous size again): the default
    /// 2 MB is far smaller than the indexes a large import inserts into at random (name tokens are keyed hashes), and
    /// a page evicted mid-transaction is written out and read back. Nothing to do on PostgreSQL (shared buffers).
    /// </summary>
    public static async Task<IAsyncDisposable> LargerCacheAsync(SigurDb db, CancellationToken ct)
    {
        if (db.IsPostgres) return new Restore(null, null);
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "PRAGMA cache_size";
        var previous = System.Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        command.CommandText = "PRAGMA cache_size = -262144";
        await command.ExecuteNonQueryAsync(ct);
        return new Restore(db, "PRAGMA cache_size = " + previous.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class Restore(SigurDb? db, string? sql) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (db is null) return;
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    private static (string Table, Column[] Columns) Describe(SigurDb db, Type clrType)
    {
        var entity = db.Model.FindEntityType(clrType) ?? throw new InvalidOperationException($"{clrType.Name} is not an entity type.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().Select(p =>
        {
            if (p.IsShadowProperty())
                throw new NotSupportedException($"{clrType.Name}.{p.Name} is a shadow property; BulkInsert writes only values held by the object.");
            var mapping = p.GetRelationalTypeMapping();
            var getter = p.GetGetter();
            var converter = mapping.Converter;
            Func<object, object?> value = converter is null
                ? getter.GetClrValue
                : e => getter.GetClrValue(e) is { } v ? converter.ConvertToProvider(v) : null;
            return new Column(p.GetColumnName(table)!, mapping, value);
        }).ToArray();
        return (table.Name, columns);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string ColumnList(Converted rows) => string.Join(", ", rows.Columns.Select(c => Quote(c.Name)));

    /// <summary>One binary COPY; each value written as its column's store type.</summary>
    private static async Task CopyAsync(SigurDb db, Converted rows, Action<int>? written, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var storeTypes = rows.Columns.Select(c => c.Mapping.StoreType).ToArray();
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {Quote(rows.Table)} ({ColumnList(rows)}) FROM STDIN (FORMAT BINARY)", ct);
        var (values, width) = (rows.Values, rows.Columns.Length);
        for (var row = 0; row < rows.Count; row++)
        {
            // Synchronous writes fill Npgsql's buffer and block only when it is sent: an await per value would cost more than the value.
            importer.StartRow();
            for (var c = 0; c < width; c++)
            {
                if (values[row * width + c] is { } v) importer.Write(v, storeTypes[c]);
                else importer.WriteNull();
            }
            if ((row + 1) % 8192 == 0)
            {
                ct.ThrowIfCancellationRequested();
                written?.Invoke(row + 1);
            }
        }
        await importer.CompleteAsync(ct);
        written?.Invoke(rows.Count);
    }

    /// <summary>
    /// One prepared single-row INSERT, re-executed with new values. Multi-row statements were slower: SQLite finds each
    /// parameter by name in a list, so binding a statement costs the square of its parameter count.
    /// </summary>
    private static async Task InsertAsync(SigurDb db, Converted rows, Action<int>? written, CancellationToken ct)
    {
        var (values, width) = (rows.Values, rows.Columns.Length);
        await using var command = await PrepareAsync(db, rows, ct);
        for (var row = 0; row < rows.Count; row++)
        {
            for (var c = 0; c < width; c++) command.Parameters[c].Value = values[row * width + c] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
            if ((row + 1) % 8192 == 0) written?.Invoke(row + 1);
        }
        written?.Invoke(rows.Count);
    }

    private static async Task<DbCommand> PrepareAsync(SigurDb db, Converted rows, CancellationToken ct)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        foreach (var column in rows.Columns)
        {
            // The mapping configures the parameter as SaveChanges would (a Guid as TEXT, not SQLite's default BLOB).
            command.Parameters.Add(column.Mapping.CreateParameter(command, $"@p{command.Parameters.Count}", null));
        }
        command.CommandText = $"INSERT INTO {Quote(rows.Table)} ({ColumnList(rows)}) VALUES ({string.Join(", ", command.Parameters.Cast<DbParameter>().Select(p => p.ParameterName))})";
        await command.PrepareAsync(ct);
        return command;
    }
}
