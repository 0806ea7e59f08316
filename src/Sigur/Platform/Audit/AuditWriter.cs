using System.Threading.Channels;
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
                await AuditChain.AppendAsync(db, batch.ConvertAll(p => p.Entry), CancellationToken.None);
                await db.SaveChangesAsync(CancellationToken.None);
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

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }
}

public sealed class AuditUnavailableException() : Exception("The audit log could not be written; the action was not carried out.");
