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

    public Task AppendAsync(AuditEntry entry)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(entry, done)))
            done.SetException(new InvalidOperationException("The audit log is closed."));
        return done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(512);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < 512 && _queue.Reader.TryRead(out var item)) batch.Add(item);
            try
            {
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
                await using var tx = await db.Database.BeginTransactionAsync(CancellationToken.None);
                var entries = batch.ConvertAll(p => p.Entry);
                // PostgreSQL keeps microseconds; hashing the 100 ns ticks the database then drops would make
                // `audit verify` find every such row "edited". The row as stored is the row as hashed.
                foreach (var entry in entries) entry.At = new DateTime(entry.At.Ticks - entry.At.Ticks % 10, entry.At.Kind);
                if (!db.IsPostgres || !await AppendOnPostgresAsync(db, entries))
                {
                    await AuditChain.AppendAsync(db, entries, CancellationToken.None);
                    await db.SaveChangesAsync(CancellationToken.None);
                }
                await tx.CommitAsync(CancellationToken.None);
                foreach (var p in batch) p.Done.TrySetResult();
            }
            catch (Exception ex)
            {
                _log.LogError(ex, "Audit batch of {Count} rows could not be written", batch.Count);
                foreach (var p in batch) p.Done.TrySetException(new AuditUnavailableException());
            }
            batch.Clear();
        }
    }

    /// <summary>
    /// The same rows as <see cref="AuditChain.AppendAsync"/> followed by SaveChanges, in two round trips instead of a
    /// statement per row: lock the head, then one INSERT of the whole batch from arrays and the head's UPDATE. This one
    /// writer is the point every audited request passes through, so its cost per batch bounds the whole server.
    /// False (nothing done) when the chain has no head yet; the caller then takes the general path, which creates it.
    /// </summary>
    private static async Task<bool> AppendOnPostgresAsync(SigurDb db, List<AuditEntry> entries)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
        long sequence;
        string hash;
        await using (var head = new NpgsqlCommand("SELECT sequence, hash FROM audit_chain_heads WHERE id = 1 FOR UPDATE", connection, transaction))
        await using (var reader = await head.ExecuteReaderAsync(CancellationToken.None))
        {
            if (!await reader.ReadAsync(CancellationToken.None)) return false;
            sequence = reader.GetInt64(0);
            hash = reader.GetString(1);
        }
        foreach (var entry in entries)
        {
            entry.Sequence = ++sequence;
            entry.PreviousHash = hash;
            entry.Hash = hash = entry.ComputeHash();
        }
        await using var insert = new NpgsqlCommand(
            "INSERT INTO audit_entries (sequence, at, user_id, organisation_id, role, action, record_type, record_ids, field_groups, reason, address, previous_hash, hash) " +
            "SELECT * FROM unnest(@sequence, @at, @user_id, @organisation_id, @role, @action, @record_type, @record_ids, @field_groups, @reason, @address, @previous_hash, @hash); " +
            "UPDATE audit_chain_heads SET sequence = @head_sequence, hash = @head_hash WHERE id = 1", connection, transaction);
        var p = insert.Parameters;
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
        p.Add(new NpgsqlParameter<long>("head_sequence", sequence));
        p.Add(new NpgsqlParameter<string>("head_hash", hash));
        await insert.ExecuteNonQueryAsync(CancellationToken.None);
        return true;
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}

public sealed class AuditUnavailableException() : Exception("The audit log could not be written; the action was not carried out.");
