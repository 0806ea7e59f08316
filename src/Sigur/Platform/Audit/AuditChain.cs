using Microsoft.EntityFrameworkCore;
using Sigur.Data;

namespace Sigur.Platform.Audit;

/// <summary>Appends rows to the chain inside the caller's transaction.</summary>
public static class AuditChain
{
    /// <summary>
    /// Must run inside an open transaction of <paramref name="db"/>, before the action's own writes: it locks the chain
    /// head (PostgreSQL: SELECT … FOR UPDATE; SQLite: the IMMEDIATE transaction already holds the write lock), links the
    /// entries, and stages them; the caller's SaveChanges writes them with the action, or neither is written.
    /// </summary>
    public static async Task AppendAsync(SigurDb db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        if (entries.Count == 0) return;
        // Always the head as committed: a head this context tracked from an earlier append may be stale by now,
        // and EF would hand back the tracked instance instead of the row.
        foreach (var stale in db.ChangeTracker.Entries<AuditChainHead>().ToList()) stale.State = EntityState.Detached;
        var head = db.IsPostgres
            ? await db.AuditChainHeads.FromSql($"SELECT * FROM audit_chain_heads WHERE id = 1 FOR UPDATE").AsNoTracking().SingleAsync(ct)
            : await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        // Marked modified outright, not left to change detection: a context that turned detection off (the bulk demo
        // generator) would otherwise save the new rows and not the moved head, and the next append collide.
        db.AuditChainHeads.Update(head);
        var (sequence, hash) = Link(entries, head.Sequence, head.Hash, db.Protection.AuditChainKey);
        head.Sequence = sequence;
        head.Hash = hash;
        db.AuditEntries.AddRange(entries);
    }

    /// <summary>Gives each entry its place after (<paramref name="sequence"/>, <paramref name="hash"/>) and its hash; returns the new end of the chain.</summary>
    public static (long Sequence, string Hash) Link(IReadOnlyList<AuditEntry> entries, long sequence, string hash, byte[] key)
    {
        foreach (var entry in entries)
        {
            // PostgreSQL keeps microseconds, .NET ticks are 100 ns: hash what the database will give back.
            entry.At = new DateTime(entry.At.Ticks - entry.At.Ticks % 10, DateTimeKind.Utc);
            entry.Sequence = ++sequence;
            entry.PreviousHash = hash;
            entry.Hash = hash = entry.ComputeHash(key);
        }
        return (sequence, hash);
    }

    /// <summary>
    /// Walks the chain in order and names the first row that was edited, removed or inserted out of order, checking
    /// each row's HMAC (a row recomputed without the key fails) and, given <paramref name="checkpoints"/>, every
    /// signed checkpoint: a forged or altered checkpoint, a row that no longer matches one (rewritten), and rows missing
    /// from the end (truncated: the newest rows deleted and the head moved back).
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(SigurDb db, CancellationToken ct, IProgress<long>? progress = null, AuditCheckpoints? checkpoints = null)
    {
        var key = db.Protection.AuditChainKey;
        var signed = new Dictionary<long, AuditCheckpoint>();
        AuditCheckpoint? last = null;
        if (checkpoints is not null)
        {
            var lines = checkpoints.Read();
            for (var i = 0; i < lines.Count; i++)
            {
                if (lines[i] is not { } c || !checkpoints.IsSigned(c))
                    return AuditVerification.Broken(0, $"checkpoint {i + 1} of {checkpoints.FilePath} is not signed by this installation's key");
                if (last is not null && c.Sequence < last.Sequence)
                    return AuditVerification.Broken(0, $"checkpoint {i + 1} of {checkpoints.FilePath} goes back from row {last.Sequence} to {c.Sequence}");
                signed[c.Sequence] = last = c;
            }
        }
        string Since(long sequence) => last is null ? "" : sequence > last.Sequence
            ? $", after the last checkpoint (row {last.Sequence}, {last.At:u})"
            : $", at or before the checkpoint of row {last.Sequence} ({last.At:u})";

        var expectedPrevious = AuditChainHead.GenesisHash;
        long expectedSequence = 1, checkedRows = 0;
        long after = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence).Take(5000).ToListAsync(ct);
            if (batch.Count == 0) break;
            foreach (var row in batch)
            {
                if (row.Sequence != expectedSequence)
                    return AuditVerification.Broken(expectedSequence, $"row {expectedSequence} is missing{Since(expectedSequence)}");
                if (row.PreviousHash != expectedPrevious)
                    return AuditVerification.Broken(row.Sequence, $"row {row.Sequence} does not follow row {row.Sequence - 1}{Since(row.Sequence)}");
                if (row.ComputeHash(key) != row.Hash)
                    return AuditVerification.Broken(row.Sequence, $"row {row.Sequence} was edited{Since(row.Sequence)}");
                if (signed.TryGetValue(row.Sequence, out var checkpoint) && checkpoint.Head != row.Hash)
                    return AuditVerification.Broken(row.Sequence, $"rows up to {row.Sequence} were rewritten since the checkpoint of {checkpoint.At:u}");
                expectedPrevious = row.Hash;
                expectedSequence++;
                checkedRows++;
            }
            after = batch[^1].Sequence;
            progress?.Report(checkedRows);
        }
        if (last is not null && checkedRows < last.Sequence)
            return AuditVerification.Broken(checkedRows + 1,
                $"the log was truncated: it ends at row {checkedRows}, but the checkpoint of {last.At:u} records {last.Sequence} rows");
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(ct);
        if (head is not null && (head.Sequence != checkedRows || head.Hash != expectedPrevious))
            return AuditVerification.Broken(checkedRows + 1, $"rows after {checkedRows} were removed (the head records {head.Sequence})");
        return new AuditVerification(true, checkedRows, null, null) { LastCheckpoint = last };
    }
}

public sealed record AuditVerification(bool Intact, long RowsChecked, long? FirstBadSequence, string? Problem)
{
    /// <summary>The newest signed checkpoint the chain was checked against; null when there is none yet.</summary>
    public AuditCheckpoint? LastCheckpoint { get; init; }

    public static AuditVerification Broken(long sequence, string problem) => new(false, 0, sequence, problem);
}
