using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sigur.Features.Cases;

namespace Sigur.Features.Statistics;

/// <summary>
/// Keeps <see cref="Case.AgeAtIntake"/> in step with the intake date and the person's (encrypted) date of birth or
/// estimated age, at the moment of saving, while the plaintext is in memory anyway. Statistics then count ages
/// without decrypting anything. Where the person has neither a birth date nor an estimate the value is left as it is
/// (an import may know only an age band).
/// </summary>
public sealed class AgeAtIntakeStamp : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) await StampAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) StampAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private static async Task StampAsync(DbContext db, CancellationToken ct)
    {
        var tracker = db.ChangeTracker;
        Dictionary<Guid, Person>? persons = null;
        Person? PersonOf(Case c)
        {
            if (c.Person is not null) return c.Person;
            persons ??= tracker.Entries<Person>().ToDictionary(e => e.Entity.Id, e => e.Entity);
            return persons.GetValueOrDefault(c.PersonId);
        }

        foreach (var entry in tracker.Entries<Case>().ToList())
        {
            if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && entry.Property(c => c.IntakeDate).IsModified))
            {
                var person = PersonOf(entry.Entity)
                    ?? await db.Set<Person>().IgnoreQueryFilters().SingleOrDefaultAsync(p => p.Id == entry.Entity.PersonId, ct);
                if (person is not null) Stamp(entry.Entity, person);
            }
        }

        // A corrected birth date changes the age at intake of every case of the person, tracked or not.
        foreach (var entry in tracker.Entries<Person>().Where(e => e.State == EntityState.Modified
                     && (e.Property(p => p.DateOfBirth).IsModified || e.Property(p => p.EstimatedAge).IsModified)).ToList())
        {
            var person = entry.Entity;
            var cases = await db.Set<Case>().IgnoreQueryFilters().Where(c => c.PersonId == person.Id).ToListAsync(ct);
            foreach (var c in cases) Stamp(c, person);
        }
    }

    private static void Stamp(Case c, Person person)
    {
        var age = Of(person, DateOnly.FromDateTime(c.IntakeDate));
        if (age is not null && c.AgeAtIntake != age) c.AgeAtIntake = age;
    }

    public static int? Of(Person person, DateOnly intake)
    {
        var byBirth = person.AgeOn(intake);
        if (byBirth is >= 0 and <= 120) return byBirth;
        if (person.EstimatedAge is { } estimate)
        {
            // The estimate was made when the person was registered; move it to the intake date.
            var shifted = estimate - (DateOnly.FromDateTime(person.CreatedAt).Year - intake.Year);
            return person.CreatedAt == default ? estimate : Math.Clamp(shifted, 0, 120);
        }
        return null;
    }
}
