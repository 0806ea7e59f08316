using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Statistics;

/// <summary>
/// Fills <see cref="Case.AgeAtIntake"/> for cases saved before the column existed (or imported without an age), so
/// that statistics never decrypt. A migration cannot do it: the birth date is encrypted and only the application holds
/// the key. It runs after every migration (at start-up and in `sigur migrate`) and as `sigur stats backfill-ages`;
/// each person is decrypted once, in batches, and a case whose person has neither a birth date nor an estimate stays
/// without an age, which is also why a second run finds nothing to change.
/// </summary>
public static class AgeAtIntakeBackfill
{
    private const int Batch = 1000;

    /// <returns>How many cases got an age.</returns>
    public static async Task<int> RunAsync(SigurDb db, CancellationToken ct)
    {
        var stamped = 0;
        var after = Guid.Empty;
        while (true)
        {
            // Keyset pagination over person ids: each person's birth date is decrypted once however many cases they have.
            var personIds = await db.Cases.IgnoreQueryFilters().AsNoTracking()
                .Where(c => c.AgeAtIntake == null && c.PersonId.CompareTo(after) > 0)
                .Select(c => c.PersonId).Distinct().OrderBy(id => id).Take(Batch).ToListAsync(ct);
            if (personIds.Count == 0) return stamped;
            after = personIds[^1];
            var persons = await db.Persons.IgnoreQueryFilters().AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
            var cases = await db.Cases.IgnoreQueryFilters().Where(c => c.AgeAtIntake == null && personIds.Contains(c.PersonId)).ToListAsync(ct);
            foreach (var c in cases)
            {
                if (!persons.TryGetValue(c.PersonId, out var person)) continue;
                c.AgeAtIntake = AgeAtIntakeStamp.Of(person, DateOnly.FromDateTime(c.IntakeDate));
                if (c.AgeAtIntake is not null) stamped++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
