using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Sigur.Platform.Operations;

/// <summary>One table's row count and content hash.</summary>
public sealed record TableDigest(string Table, long Rows, string Sha256);

/// <summary>
/// What a backup holds, table by table, computed from the same snapshot the backup copies, and again from the database a
/// restore produced: equal manifests mean every row arrived. A table's hash is the sum (mod 2^256) of its rows' SHA-256
/// hashes — independent of row order, which differs between databases with different collations, and needs neither
/// sorting nor memory for a table of millions of rows. (The sum is no defence against someone forging rows on purpose;
/// the backup's authenticated encryption is.)
/// </summary>
public static class DatabaseManifest
{
    public static async Task<List<TableDigest>> ComputeAsync(DbConnection connection, bool postgres, CancellationToken ct, DbTransaction? transaction = null)
    {
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.Transaction = transaction;
            list.CommandText = postgres
                ? "SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"
                : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY 1";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        }
        var digests = new List<TableDigest>(tables.Count);
        foreach (var table in tables) digests.Add(await DigestAsync(connection, transaction, table, postgres, ct));
        return digests;
    }

    /// <summary>Empty when the two agree, else one line per table that differs.</summary>
    public static List<string> Differences(IReadOnlyList<TableDigest> expected, IReadOnlyList<TableDigest> actual)
    {
        var found = actual.ToDictionary(t => t.Table);
        var differences = new List<string>();
        foreach (var table in expected)
        {
            if (!found.Remove(table.Table, out var other)) differences.Add($"{table.Table}: missing");
            else if (other.Rows != table.Rows) differences.Add($"{table.Table}: {other.Rows} rows, the backup has {table.Rows}");
            else if (other.Sha256 != table.Sha256) differences.Add($"{table.Table}: contents differ");
        }
        differences.AddRange(found.Keys.Select(t => $"{t}: not in the backup"));
        return differences;
    }

    private static async Task<TableDigest> DigestAsync(DbConnection connection, DbTransaction? transaction, string table, bool postgres, CancellationToken ct)
    {
        var quoted = string.Join('.', table.Split('.').Select(part => "\"" + part.Replace("\"", "\"\"") + "\""));
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT * FROM {quoted}";
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var sum = BigInteger.Zero;
        var modulus = BigInteger.One << 256;
        long rows = 0;
        using var row = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var hash = new byte[32];
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var text = reader.IsDBNull(i) ? null : Canonical(reader.GetValue(i));
                // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ and null differs from "".
                row.AppendData(BitConverter.GetBytes(text is null ? -1 : Encoding.UTF8.GetByteCount(text)));
                if (text is not null) row.AppendData(Encoding.UTF8.GetBytes(text));
            }
            row.GetHashAndReset(hash);
            sum = (sum + new BigInteger(hash, isUnsigned: true)) % modulus;
            rows++;
        }
        var total = sum.ToByteArray(isUnsigned: true, isBigEndian: true);
        return new TableDigest(table, rows, Convert.ToHexStringLower(SHA256.HashData([.. BitConverter.GetBytes(rows), .. total])));
    }

    private static string Canonical(object value) => value switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset d => d.ToString("O", CultureInfo.InvariantCulture),
        string s => s,
        IEnumerable items => "[" + string.Join(',', items.Cast<object?>().Select(i => i is null ? "null" : Canonical(i))) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
