using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;

namespace Sigur.Platform.Audit;

/// <summary>
/// A signed statement that the audit chain had <see cref="Sequence"/> rows ending in <see cref="Head"/> at <see cref="At"/>.
/// Rows can then be neither removed from the end (truncation) nor rewritten up to it without <c>sigur audit verify</c>
/// saying so, even by someone who can write to the database and holds an old copy of it.
/// </summary>
public sealed record AuditCheckpoint(long Sequence, string Head, DateTime At, string Signature)
{
    public byte[] SignedBytes() => Encoding.UTF8.GetBytes(string.Join('\n', "sigur audit checkpoint v1",
        Sequence.ToString(CultureInfo.InvariantCulture), Head, At.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>
/// Somewhere else a checkpoint is sent as it is written, so that a copy exists beyond this machine (the cross-border
/// peers will witness each other's). Register implementations in DI; with none registered, checkpoints stay in the file.
/// A witness that fails is logged and does not stop the checkpoint.
/// </summary>
public interface IAuditWitness
{
    Task WitnessAsync(AuditCheckpoint checkpoint, CancellationToken ct);
}

/// <summary>
/// The checkpoint file (one JSON line per checkpoint, appended, never rewritten) and its signing key, both beside the
/// key-encryption key and so outside the database: an ECDSA P-256 key whose private half is sealed by the KEK.
/// </summary>
public sealed class AuditCheckpoints(KeyEncryptionKey kek, string directory, TimeProvider clock, IEnumerable<IAuditWitness> witnesses, ILogger<AuditCheckpoints> log)
{
    public const string FileName = "sigur.audit-checkpoints";
    public const string KeyFileName = "sigur.audit-key";
    private const string SealPurpose = "sigur audit checkpoint key v1";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Lazy<ECDsa> _key = new(() => LoadOrCreateKey(kek, Path.Combine(directory, KeyFileName)));
    private readonly SemaphoreSlim _writing = new(1, 1);

    public string FilePath => Path.Combine(directory, FileName);

    /// <summary>Every line of the file, in order; a line that is not a checkpoint is returned as null (verify names it).</summary>
    public IReadOnlyList<AuditCheckpoint?> Read()
    {
        if (!File.Exists(FilePath)) return [];
        return [.. File.ReadAllLines(FilePath).Where(l => l.Length > 0).Select(line =>
        {
            try { return JsonSerializer.Deserialize<AuditCheckpoint>(line, Json); }
            catch (JsonException) { return null; }
        })];
    }

    public bool IsSigned(AuditCheckpoint checkpoint)
    {
        try { return _key.Value.VerifyData(checkpoint.SignedBytes(), Convert.FromBase64String(checkpoint.Signature), HashAlgorithmName.SHA256); }
        catch (FormatException) { return false; }
    }

    /// <summary>
    /// Signs the chain's end as it is now and appends it, unless nothing was appended since the last checkpoint. Refuses
    /// (throws) when the head is not the newest row's hash or the chain is shorter than the last checkpoint: that is
    /// tampering, and signing it would bless it.
    /// </summary>
    public async Task<AuditCheckpoint?> WriteAsync(SigurDb db, CancellationToken ct)
    {
        await _writing.WaitAsync(ct);
        try
        {
            var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(ct);
            if (head is null || head.Sequence == 0) return null;
            var newest = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence == head.Sequence).Select(e => e.Hash).SingleOrDefaultAsync(ct);
            if (newest != head.Hash || await db.AuditEntries.AnyAsync(e => e.Sequence > head.Sequence, ct))
                throw new AuditTamperedException("The audit chain's head is not its newest row; run `sigur audit verify`.");
            var last = Read().LastOrDefault(c => c is not null);
            if (last is not null && last.Sequence == head.Sequence) return null;
            if (last is not null && last.Sequence > head.Sequence)
                throw new AuditTamperedException($"The audit chain holds {head.Sequence} rows, its last checkpoint {last.Sequence}; run `sigur audit verify`.");

            var at = clock.GetUtcNow().UtcDateTime;
            var unsigned = new AuditCheckpoint(head.Sequence, head.Hash, new DateTime(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc), "");
            var checkpoint = unsigned with { Signature = Convert.ToBase64String(_key.Value.SignData(unsigned.SignedBytes(), HashAlgorithmName.SHA256)) };
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var file = new FileStream(FilePath, options))
            {
                await file.WriteAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(checkpoint, Json) + "\n"), ct);
                file.Flush(flushToDisk: true);
            }
            foreach (var witness in witnesses)
            {
                try { await witness.WitnessAsync(checkpoint, ct); }
                catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Audit checkpoint {Sequence} could not be sent to witness {Witness}", checkpoint.Sequence, witness.GetType().Name); }
            }
            return checkpoint;
        }
        finally
        {
            _writing.Release();
        }
    }

    private static ECDsa LoadOrCreateKey(KeyEncryptionKey kek, string file)
    {
        if (!File.Exists(file))
        {
            using var fresh = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var sealedKey = Convert.ToBase64String(kek.Seal(fresh.ExportPkcs8PrivateKey(), SealPurpose));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            try
            {
                using var stream = new FileStream(file, options);
                using var writer = new StreamWriter(stream);
                writer.Write(sealedKey);
            }
            catch (IOException) when (File.Exists(file)) { } // another process made it first: use theirs
        }
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(kek.Open(Convert.FromBase64String(File.ReadAllText(file).Trim()), SealPurpose), out _);
        return key;
    }
}

/// <summary>Writes a checkpoint at a fixed interval (Audit:CheckpointMinutes, 10 by default) and one more at shutdown.</summary>
public sealed class AuditCheckpointer(AuditCheckpoints checkpoints, IServiceScopeFactory scopes, TimeProvider clock, IConfiguration config,
    ILogger<AuditCheckpointer> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(config.GetValue("Audit:CheckpointMinutes", 10.0)), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await CheckpointAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    // Registered before the audit writer, so stopped after it: the last rows are written before the last checkpoint.
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await CheckpointAsync(cancellationToken);
    }

    private async Task CheckpointAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await checkpoints.WriteAsync(scope.ServiceProvider.GetRequiredService<SigurDb>(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "No audit checkpoint was written");
        }
    }
}

public sealed class AuditTamperedException(string message) : Exception(message);
