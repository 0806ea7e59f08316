using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Sigur.Data;

namespace Sigur.Platform.Audit;

/// <summary>
/// Writes audit rows for actions that change nothing else (reads, lists, sign-ins, denials). Many requests at once
/// would each lock the chain head for a whole commit; instead one writer appends whatever is waiting in one
/// transaction (group commit), and each request waits until its row is durable before it answers. If the row
/// cannot be written, the request fails: no read goes unrecorded.
/// </summary>
public sealed class AuditWriter : BackgroundService
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IServiceScopeFactory _scopes;
    private readonly ILogger<AuditWriter> _log;

    public AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> log)
    {
        _scopes = scopes;
        _log = log;
    }

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Done);

    /// <summary>Rows waiting to be written (a metric), and whether the last batch failed (the readiness check).</summary>
    public int QueueDepth => Volatile.Read(ref _waiting);
    private int _waiting; // the single-reader channel cannot count
    public bool LastBatchFailed { get; private set; }

    public Task AppendAsync(AuditEntry entry)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(new Pending(entry, done)))
            done.SetException(new InvalidOperationException("The audit log is closed."));
        return done.Task;
    }

    /// <summary>The chain's end as this writer last left it (PostgreSQL only); null when unknown.</summary>
    private (long Sequence, string Hash)? _lastHead;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(512);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 512 && _queue.Reader.TryRead(out var item)) batch.Add(item);
            Interlocked.Add(ref _waiting, -batch.Count);
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
                var entries = batch.ConvertAll(p => p.Entry);
                if (db.IsPostgres)
                    await AppendOnPostgresAsync(db, entries);
                else
                {
                    await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
                    await AuditChain.AppendAsync(db, entries, CancellationToken.None);
                    await db.SaveChangesAsync(CancellationToken.None);
                    await tx.CommitAsync(CancellationToken.None);
                }
                LastBatchFailed = false;
                foreach (var p in batch) p.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                _lastHead = null;
                LastBatchFailed = true;
                _log.LogError(ex, "Audit batch of {Count} rows could not be written", batch.Count);
                foreach (var p in batch) p.Done.TrySetException(new AuditUnavailableException());
            }
            batch.Clear();
        }
    }

    /// <summary>
    /// The same rows and chain as <see cref="AuditChain.AppendAsync"/> followed by SaveChanges, without a statement per
    /// row and mostly in one round trip. This one writer is the point every audited request passes through, and each
    /// round trip of a batch is time all of them wait, so: the writer links the batch to the end of the chain as it
    /// last left it and writes it with one statement that moves the head only if the head is still there (compare and
    /// set, under the head's row lock) and inserts the rows only if it moved. Someone else appended in between (a
    /// change, through SigurDb) — nothing is written, and the batch goes the locking way: SELECT … FOR UPDATE, link,
    /// insert, commit.
    /// </summary>
    private async Task AppendOnPostgresAsync(SigurDb db, List<AuditEntry> entries)
    {
        await db.Database.OpenConnectionAsync(CancellationToken.None);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (_lastHead is { } known)
        {
            AuditChain.Link(entries, known.Sequence, known.Hash, db.Protection.AuditChainKey);
            await using var append = new NpgsqlCommand(
                "WITH head AS (UPDATE audit_chain_heads SET sequence = @head_sequence, hash = @head_hash " +
                "WHERE id = 1 AND sequence = @known_sequence AND hash = @known_hash RETURNING 1) " +
                InsertSql + " WHERE EXISTS (SELECT 1 FROM head)", connection);
            AddRows(append.Parameters, entries);
            append.Parameters.Add(new NpgsqlParameter<long>("known_sequence", known.Sequence));
            append.Parameters.Add(new NpgsqlParameter<string>("known_hash", known.Hash));
            if (await append.ExecuteNonQueryAsync(CancellationToken.None) == entries.Count)
            {
                _lastHead = (entries[^1].Sequence, entries[^1].Hash);
                return;
            }
        }

        await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var transaction = (NpgsqlTransaction)tx.GetDbTransaction();
        long sequence;
        string hash;
        await using (var head = new NpgsqlCommand("SELECT sequence, hash FROM audit_chain_heads WHERE id = 1 FOR UPDATE", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(CancellationToken.None))
        {
            if (!await reader.ReadAsync(CancellationToken.None)) throw new InvalidOperationException("The audit chain has no head row: the database was not migrated.");
            (sequence, hash) = (reader.GetInt64(0), reader.GetString(1));
        }
        AuditChain.Link(entries, sequence, hash, db.Protection.AuditChainKey);
        await using (var insert = new NpgsqlCommand(
            InsertSql + "; UPDATE audit_chain_heads SET sequence = @head_sequence, hash = @head_hash WHERE id = 1", connection, transaction))
        {
            AddRows(insert.Parameters, entries);
            await insert.ExecuteNonQueryAsync(CancellationToken.None);
        }
        await tx.CommitAsync(CancellationToken.None);
        _lastHead = (entries[^1].Sequence, entries[^1].Hash);
    }

    private const string InsertSql =
        "INSERT INTO audit_entries (sequence, at, user_id, organisation_id, role, action, record_type, record_ids, field_groups, reason, address, previous_hash, hash) " +
        "SELECT * FROM unnest(@sequence, @at, @user_id, @organisation_id, @role, @action, @record_type, @record_ids, @field_groups, @reason, @address, @previous_hash, @hash)";

    private static void AddRows(NpgsqlParameterCollection p, List<AuditEntry> entries)
    {
        p.Add(new NpgsqlParameter<long[]>("sequence", entries.ConvertAll(e => e.Sequence).ToArray()));
        p.Add(new NpgsqlParameter<DateTime[]>("at", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { TypedValue = entries.ConvertAll(e => e.At).ToArray() });
        p.Add(new NpgsqlParameter<Guid?[]>("user_id", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = entries.ConvertAll(e => e.UserId).ToArray() });
        p.Add(new NpgsqlParameter<Guid?[]>("organisation_id", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { TypedValue = entries.ConvertAll(e => e.OrganisationId).ToArray() });
        void Text(string name, Func<AuditEntry, string?> value) =>
            p.Add(new NpgsqlParameter<string?[]>(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = entries.ConvertAll(e => value(e)).ToArray() });
        Text("role", e => e.Role);
        Text("action", e => e.Action);
        Text("record_type", e => e.RecordType);
        Text("record_ids", e => e.RecordIds);
        Text("field_groups", e => e.FieldGroups);
        Text("reason", e => e.Reason);
        Text("address", e => e.Address);
        Text("previous_hash", e => e.PreviousHash);
        Text("hash", e => e.Hash);
        p.Add(new NpgsqlParameter<long>("head_sequence", entries[^1].Sequence));
        p.Add(new NpgsqlParameter<string>("head_hash", entries[^1].Hash));
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}

public sealed class AuditUnavailableException() : Exception("The audit log could not be written; the action was not carried out.");
