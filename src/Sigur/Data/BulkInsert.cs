using System.Data.Common;
using System.Text;
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
/// model's converter. Encryption dominates, so values are converted on all cores, block by block, while the previous
/// block is being written: binary COPY on PostgreSQL, a prepared multi-row INSERT on SQLite.
/// What SaveChanges does besides writing is the caller's: no change audit, no interceptors (AgeAtIntakeStamp), no
/// concurrency tokens, no database-generated values — every property is written as it is on the object.
/// </summary>
public static class BulkInsert
{
    private const int BlockRows = 8192;
    private const int SqliteRowsPerStatement = 100;

    /// <summary>One column: its name, store type, and how to read its provider value from an entity.</summary>
    private sealed record Column(string Name, RelationalTypeMapping Mapping, Func<object, object?> Value);

    /// <summary>Writes <paramref name="rows"/> in order; <paramref name="written"/> hears how many rows are written so far.</summary>
    public static async Task WriteAsync<T>(SigurDb db, IReadOnlyList<T> rows, Action<int>? written, CancellationToken ct) where T : class
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("BulkInsert writes inside the caller's transaction, so that a failure leaves nothing half-written.");
        if (rows.Count == 0) return;
        var (table, columns) = Describe(db, typeof(T));
        await using var writer = db.IsPostgres
            ? await PostgresWriter.StartAsync(db, table, columns, ct)
            : (IRowWriter)new SqliteWriter(db, table, columns);

        // Convert block k+1 on the thread pool (itself on all cores) while block k is written.
        var blocks = (rows.Count + BlockRows - 1) / BlockRows;
        var next = Task.Run(() => Convert(rows, columns, 0), ct);
        for (var b = 0; b < blocks; b++)
        {
            var values = await next;
            if (b + 1 < blocks)
            {
                var start = (b + 1) * BlockRows;
                next = Task.Run(() => Convert(rows, columns, start), ct);
            }
            await writer.WriteAsync(values, columns.Length, ct);
            written?.Invoke(Math.Min((b + 1) * BlockRows, rows.Count));
        }
        await writer.CompleteAsync(ct);
    }

    /// <summary>The provider values of one block of rows, row after row, converted in parallel.</summary>
    private static object?[] Convert<T>(IReadOnlyList<T> rows, Column[] columns, int start) where T : class
    {
        var count = Math.Min(BlockRows, rows.Count - start);
        var values = new object?[count * columns.Length];
        // The Data Protection protector behind the [Sensitive] converter is thread-safe.
        Parallel.For(0, (count + 255) / 256, chunk =>
        {
            var end = Math.Min(count, (chunk + 1) * 256);
            for (var i = chunk * 256; i < end; i++)
            {
                var entity = rows[start + i];
                for (var c = 0; c < columns.Length; c++) values[i * columns.Length + c] = columns[c].Value(entity);
            }
        });
        return values;
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

    private interface IRowWriter : IAsyncDisposable
    {
        Task WriteAsync(object?[] values, int width, CancellationToken ct);
        Task CompleteAsync(CancellationToken ct);
    }

    /// <summary>One binary COPY for all blocks; each value written as its column's store type.</summary>
    private sealed class PostgresWriter(NpgsqlBinaryImporter importer, string[] storeTypes) : IRowWriter
    {
        public static async Task<PostgresWriter> StartAsync(SigurDb db, string table, Column[] columns, CancellationToken ct)
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            var sql = $"COPY {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) FROM STDIN (FORMAT BINARY)";
            return new PostgresWriter(await connection.BeginBinaryImportAsync(sql, ct), [.. columns.Select(c => c.Mapping.StoreType)]);
        }

        public Task WriteAsync(object?[] values, int width, CancellationToken ct)
        {
            // Synchronous writes fill Npgsql's buffer and only wait when it is sent: per value an await would cost more than the write.
            for (var row = 0; row < values.Length; row += width)
            {
                ct.ThrowIfCancellationRequested();
                importer.StartRow();
                for (var c = 0; c < width; c++)
                {
                    if (values[row + c] is { } v) importer.Write(v, storeTypes[c]);
                    else importer.WriteNull();
                }
            }
            return Task.CompletedTask;
        }

        public async Task CompleteAsync(CancellationToken ct) => await importer.CompleteAsync(ct);

        public ValueTask DisposeAsync() => importer.DisposeAsync();
    }

    /// <summary>Prepared INSERTs of <see cref="SqliteRowsPerStatement"/> rows (and one for the rest), re-executed with new values.</summary>
    private sealed class SqliteWriter(SigurDb db, string table, Column[] columns) : IRowWriter
    {
        private readonly Dictionary<int, DbCommand> _commands = [];
        private readonly List<object?> _pending = [];

        public async Task WriteAsync(object?[] values, int width, CancellationToken ct)
        {
            _pending.AddRange(values);
            var statement = SqliteRowsPerStatement * width;
            var full = _pending.Count / statement * statement;
            for (var at = 0; at < full; at += statement) await ExecuteAsync(at, SqliteRowsPerStatement, ct);
            _pending.RemoveRange(0, full);
        }

        public async Task CompleteAsync(CancellationToken ct)
        {
            if (_pending.Count > 0) await ExecuteAsync(0, _pending.Count / columns.Length, ct);
            _pending.Clear();
        }

        private async Task ExecuteAsync(int at, int rows, CancellationToken ct)
        {
            var command = await CommandAsync(rows, ct);
            for (var i = 0; i < rows * columns.Length; i++) command.Parameters[i].Value = _pending[at + i] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }

        private async Task<DbCommand> CommandAsync(int rows, CancellationToken ct)
        {
            if (_commands.TryGetValue(rows, out var command)) return command;
            command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
            var sql = new StringBuilder($"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) VALUES ");
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                foreach (var column in columns)
                {
                    // The mapping configures the parameter as SaveChanges would (a Guid as TEXT, not SQLite's default BLOB).
                    var parameter = column.Mapping.CreateParameter(command, $"@p{command.Parameters.Count}", null);
                    command.Parameters.Add(parameter);
                    sql.Append(column == columns[0] ? "" : ", ").Append(parameter.ParameterName);
                }
                sql.Append(')');
            }
            command.CommandText = sql.ToString();
            await command.PrepareAsync(ct);
            _commands[rows] = command;
            return command;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _commands.Values) await command.DisposeAsync();
        }
    }
}
