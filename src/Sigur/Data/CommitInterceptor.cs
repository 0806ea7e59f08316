using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sigur.Data;

/// <summary>Tells SigurDb when one of its transactions has committed, so that what waits for the commit runs (<see cref="SigurDb.AfterCommit"/>).</summary>
internal sealed class CommitInterceptor : DbTransactionInterceptor
{
    public static readonly CommitInterceptor Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as SigurDb)?.CommittedAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default) =>
        (eventData.Context as SigurDb)?.CommittedAsync(ct) ?? Task.CompletedTask;
}
