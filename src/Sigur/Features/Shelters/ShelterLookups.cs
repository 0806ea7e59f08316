using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Shelters;

internal static class ShelterLookups
{
    /// <summary>A shelter whose places the user keeps: one of their own organisation, or any for the coordinator's office; or null.</summary>
    public static Task<Shelter?> KeptAsync(SigurDb db, CurrentUser user, Guid id, CancellationToken ct) =>
        db.Set<Shelter>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.IsActive
            && (s.OrganisationId == user.OrganisationId || user.Role == Role.NationalCoordinator), ct);

    public static async Task<List<PlaceCount>> PlacesAsync(SigurDb db, Guid shelterId, CancellationToken ct) =>
        (await db.Set<ShelterPlaces>().AsNoTracking().Where(p => p.ShelterId == shelterId).ToListAsync(ct))
            .OrderBy(p => p.Sex).ThenBy(p => p.AgeGroup).Select(p => new PlaceCount(p.Sex, p.AgeGroup, p.Places, p.Occupied)).ToList();

    /// <summary>Only the shelter's own staff and the national coordinator ever see an address.</summary>
    public static bool MaySeeAddress(CurrentUser user, Shelter shelter) =>
        (user.Role == Role.ShelterStaff && user.OrganisationId == shelter.OrganisationId) || user.Role == Role.NationalCoordinator;

    public static void CheckPlaces(IReadOnlyList<PlaceCount>? places, Dictionary<string, string[]> errors)
    {
        if (places is null || places.Count == 0) { errors["places"] = ["Give the places of at least one category."]; return; }
        if (places.Any(p => !Enum.IsDefined(p.Sex) || !Enum.IsDefined(p.AgeGroup) || p.Places is < 0 or > 1000))
            errors["places"] = ["Each category: a known sex and age group, 0 to 1000 places."];
        else if (places.GroupBy(p => (p.Sex, p.AgeGroup)).Any(g => g.Count() > 1))
            errors["places"] = ["Each category once."];
    }
}
