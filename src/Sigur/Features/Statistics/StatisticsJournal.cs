using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Identification;

namespace Sigur.Features.Statistics;

/// <summary>
/// The statistics generation: a counter moved by every write that can change a figure. Its row is locked by the
/// writing transaction until commit, so generations commit in order and a reader that sees generation N also sees
/// every journal row up to N.
/// </summary>
public sealed class StatisticsGeneration
{
    public int Id { get; set; } = 1;
    public long Value { get; set; }
}

/// <summary>
/// One journal row: which person's figures a write of generation <see cref="Generation"/> may have changed (given
/// directly, through a case, or as a whole import batch). The in-memory <see cref="FactSnapshot"/> replays these to
/// stay exactly in step with the database, whichever process wrote (the server, `sigur import`, another instance).
/// Ids only: the journal holds no personal data.
/// </summary>
public sealed class StatisticsChange
{
    public long Id { get; set; }
    public long Generation { get; set; }
    public Guid? PersonId { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? ImportBatchId { get; set; }
}

/// <summary>Writes the journal inside the transaction of every SaveChanges that touches counted data (<see cref="SigurDb"/> calls it).</summary>
public static class StatisticsJournal
{
    /// <summary>
    /// The journal rows this save needs: persons of added, changed or removed cases (before and after a move),
    /// changed persons, both ends of a person link, cases of identification decisions, plus rows added explicitly
    /// (a bulk import names its batch).
    /// </summary>
    public static List<StatisticsChange> Pending(ChangeTracker tracker)
    {
        var persons = new HashSet<Guid>();
        var cases = new HashSet<Guid>();
        var explicitRows = new List<StatisticsChange>();
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            switch (entry.Entity)
            {
                case Case c:
                    persons.Add(c.PersonId);
                    if (entry.State == EntityState.Modified) persons.Add(entry.Property(nameof(Case.PersonId)).OriginalValue is Guid before ? before : c.PersonId);
                    break;
                case Person p when entry.State != EntityState.Added: // a new person has no case yet; its case names it
                    persons.Add(p.Id);
                    break;
                case PersonLink l:
                    persons.Add(l.PersonAId);
                    persons.Add(l.PersonBId);
                    break;
                case IdentificationDecision d:
                    cases.Add(d.CaseId);
                    break;
                case StatisticsChange s when entry.State == EntityState.Added:
                    explicitRows.Add(s);
                    break;
            }
        }
        return [.. persons.Select(p => new StatisticsChange { PersonId = p }), .. cases.Select(c => new StatisticsChange { CaseId = c }), .. explicitRows];
    }

    /// <summary>
    /// Inside the caller's transaction and before its writes: locks and moves the generation (PostgreSQL: SELECT … FOR
    /// UPDATE; SQLite: the IMMEDIATE transaction already holds the write lock) and stages the journal rows.
    /// Called after the audit chain's append, always in that order, so two writers never wait on each other crosswise.
    /// </summary>
    public static async Task AppendAsync(SigurDb db, IReadOnlyList<StatisticsChange> changes, CancellationToken ct)
    {
        if (changes.Count == 0) return;
        foreach (var stale in db.ChangeTracker.Entries<StatisticsGeneration>().ToList()) stale.State = EntityState.Detached;
        var generation = db.IsPostgres
            ? await db.Set<StatisticsGeneration>().FromSql($"SELECT * FROM statistics_generation WHERE id = 1 FOR UPDATE").AsNoTracking().SingleAsync(ct)
            : await db.Set<StatisticsGeneration>().AsNoTracking().SingleAsync(g => g.Id == 1, ct);
        db.Set<StatisticsGeneration>().Update(generation);
        generation.Value++;
        foreach (var change in changes)
        {
            change.Generation = generation.Value;
            if (db.Entry(change).State != EntityState.Added) db.Set<StatisticsChange>().Add(change);
        }
    }

    /// <summary>The generation as committed.</summary>
    public static Task<long> CurrentAsync(SigurDb db, CancellationToken ct) =>
        db.Set<StatisticsGeneration>().AsNoTracking().Where(g => g.Id == 1).Select(g => g.Value).SingleAsync(ct);

    public static void Configure(ModelBuilder b)
    {
        b.Entity<StatisticsGeneration>(e =>
        {
            e.HasKey(g => g.Id);
            e.Property(g => g.Id).ValueGeneratedNever();
            e.HasData(new StatisticsGeneration { Id = 1, Value = 0 });
        });
        b.Entity<StatisticsChange>(e => e.HasIndex(c => c.Generation));
    }
}

/// <summary>Joins every save: the journal rows of what the save changes, in its own transaction (see <see cref="StatisticsJournal"/>).</summary>
internal sealed class StatisticsJournalParticipant : ISaveParticipant
{
    public SaveWork? Prepare(ChangeTracker changes)
    {
        var pending = StatisticsJournal.Pending(changes);
        return pending.Count == 0 ? null : new SaveWork((db, ct) => StatisticsJournal.AppendAsync(db, pending, ct));
    }
}

public static class StatisticsJournalServices
{
    public static IServiceCollection AddStatisticsJournal(this IServiceCollection services)
    {
        services.AddSingleton<ISaveParticipant, StatisticsJournalParticipant>();
        services.AddSingleton<StatisticsJournalLag>();
        return services.AddHostedService(sp => sp.GetRequiredService<StatisticsJournalLag>());
    }
}
