using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Shelters;

/// <summary>
/// Tells the shelter's organisation when an admission leaves it nearly full (at most one place free, or a tenth of
/// its places), once a day per shelter. It names the shelter and counts places: never an address, never a resident.
/// </summary>
public static class ShelterNotices
{
    public static bool IsNearlyFull(int places, int occupied) => places > 0 && places - occupied <= Math.Max(1, places / 10);

    public static async Task AfterAdmissionAsync(SigurDb db, Notifier notifier, Guid shelterId, DateTime now, CancellationToken ct)
    {
        var shelter = await db.Set<Shelter>().IgnoreQueryFilters().AsNoTracking().Where(s => s.Id == shelterId)
            .Select(s => new { s.OrganisationId, s.Name }).SingleAsync(ct);
        var counts = await db.Set<ShelterPlaces>().AsNoTracking().Where(p => p.ShelterId == shelterId)
            .GroupBy(p => p.ShelterId).Select(g => new { Places = g.Sum(p => p.Places), Occupied = g.Sum(p => p.Occupied) }).SingleAsync(ct);
        if (!IsNearlyFull(counts.Places, counts.Occupied)) return;
        var key = $"shelter-nearly-full:{shelterId:N}:{now:yyyyMMdd}";
        if (await db.Notifications().IgnoreQueryFilters().AnyAsync(n => n.DedupeKey == key, ct)) return;
        notifier.Add(shelter.OrganisationId, null, new NotificationMessage("Shelter.NearlyFull",
            [shelter.Name, (counts.Places - counts.Occupied).ToString(System.Globalization.CultureInfo.InvariantCulture),
             counts.Places.ToString(System.Globalization.CultureInfo.InvariantCulture)], "/Shelters"), key);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A parallel admission sent today's notice a moment ago.
            db.ChangeTracker.Clear();
        }
    }
}
