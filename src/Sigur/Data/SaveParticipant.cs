using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Sigur.Data;

/// <summary>
/// A mechanism that joins every save of <see cref="SigurDb"/> without SigurDb knowing it (the statistics journal,
/// the referral-access cache): it looks at the changes about to be written and says what it adds to them. Registered
/// as a singleton (<c>services.AddSingleton&lt;ISaveParticipant, …&gt;()</c>); SigurDb asks every registered one.
/// </summary>
public interface ISaveParticipant
{
    /// <summary>What this save means to the participant, or null when it does not concern it.</summary>
    SaveWork? Prepare(ChangeTracker changes);
}

/// <summary>
/// <paramref name="InTransaction"/>: rows to add in the save's own transaction, after the audit rows (a journal).
/// <paramref name="AfterCommit"/>: what to do once the transaction that holds the save has committed (drop a cache).
/// </summary>
public sealed record SaveWork(Func<SigurDb, CancellationToken, Task>? InTransaction = null, Action? AfterCommit = null);
