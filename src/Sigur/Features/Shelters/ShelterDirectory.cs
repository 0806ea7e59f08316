using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Shelters;

/// <summary>
/// The shelters and their free places, for those who refer people to them; never an address. One shelter's
/// detail carries the address only for its own staff and the national coordinator (and that read is audited).
/// </summary>
public static class ShelterDirectory
{
    public const string Policy = Policies.ShelterDirectory;

    public static async Task<Ok<List<ShelterSummary>>> List(SigurDb db, CancellationToken ct)
    {
        var shelters = await db.Set<Shelter>().AsNoTracking().Where(s => s.IsActive).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.OrganisationId, s.Name, s.Region }).ToListAsync(ct); // the address is not even read
        var ids = shelters.Select(s => s.Id).ToList();
        var places = await db.Set<ShelterPlaces>().AsNoTracking().Where(p => ids.Contains(p.ShelterId)).ToListAsync(ct);
        return TypedResults.Ok(shelters.ConvertAll(s =>
        {
            var own = places.Where(p => p.ShelterId == s.Id).OrderBy(p => p.Sex).ThenBy(p => p.AgeGroup)
                .Select(p => new PlaceCount(p.Sex, p.AgeGroup, p.Places, p.Occupied)).ToList();
            return new ShelterSummary(s.Id, s.OrganisationId, s.Name, s.Region, own, own.Sum(p => p.Places), own.Sum(p => p.Occupied));
        }));
    }

    public static async Task<Results<Ok<ShelterDetail>, ProblemHttpResult>> One(Guid id, SigurDb db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        var shelter = await db.Set<Shelter>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == id && s.IsActive, ct);
        if (shelter is null) return Problems.NotFound();
        var showAddress = ShelterLookups.MaySeeAddress(user, shelter);
        if (showAddress) await audit.ReadAsync(nameof(Shelter), id, FieldGroups.Location);
        return TypedResults.Ok(new ShelterDetail(shelter.Id, shelter.OrganisationId, shelter.Name, shelter.Region,
            showAddress ? shelter.Address : "", await ShelterLookups.PlacesAsync(db, id, ct), shelter.Version));
    }
}
