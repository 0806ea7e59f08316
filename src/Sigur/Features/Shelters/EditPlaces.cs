using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Shelters;

/// <summary>
/// Sets a shelter's places per category (sex × age group), by its own staff or the coordinator's office. A category
/// never drops below the people staying in it: each change is UPDATE … SET places = @n WHERE occupied &lt;= @n, in
/// one transaction with the admissions' own conditional update on the same row, so an admission and a cut cannot
/// both succeed past the limit. The shelter's version guards against two editors at once (409).
/// </summary>
public static class EditPlaces
{
    public const string Policy = Policies.ShelterPlaces;

    public sealed record PlaceInput(PlaceSex Sex, AgeGroup AgeGroup, int Places);

    public sealed record Request(long Version, IReadOnlyList<PlaceInput> Places);

    public static async Task<Results<Ok<ShelterDetail>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        var shelter = await ShelterLookups.KeptAsync(db, user, id, ct);
        if (shelter is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        ShelterLookups.CheckPlaces(request.Places?.Select(p => new PlaceCount(p.Sex, p.AgeGroup, p.Places, 0)).ToList(), errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var current = await db.Set<Shelter>().Where(s => s.Id == id && s.Version == request.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (current == 0) return Problems.Conflict("The shelter was changed meanwhile. Reload it and try again.");
        var existing = await db.Set<ShelterPlaces>().Where(p => p.ShelterId == id).Select(p => new { p.Sex, p.AgeGroup }).ToListAsync(ct);
        foreach (var p in request.Places!)
        {
            if (!existing.Contains(new { p.Sex, p.AgeGroup }))
            {
                db.Add(new ShelterPlaces { ShelterId = id, Sex = p.Sex, AgeGroup = p.AgeGroup, Places = p.Places });
                continue;
            }
            var set = await db.Set<ShelterPlaces>().Where(x => x.ShelterId == id && x.Sex == p.Sex && x.AgeGroup == p.AgeGroup && x.Occupied <= p.Places)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Places, p.Places), ct);
            if (set == 0) // the transaction rolls back whatever this request already changed
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Fewer places than residents",
                    detail: "A category cannot have fewer places than the people staying in it. Discharge first, or keep the places.",
                    extensions: new Dictionary<string, object?> { ["sex"] = p.Sex.ToString(), ["ageGroup"] = p.AgeGroup.ToString() });
        }
        db.AuditWithNextSave(audit.New(AuditAction.Update, nameof(Shelter), id.ToString(), [], "places"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        var version = await db.Set<Shelter>().AsNoTracking().Where(s => s.Id == id).Select(s => s.Version).SingleAsync(ct);
        // The coordinator's office and the shelter's own staff see the address; both are the only ones here.
        return TypedResults.Ok(new ShelterDetail(id, shelter.OrganisationId, shelter.Name, shelter.Region,
            ShelterLookups.MaySeeAddress(user, shelter) ? shelter.Address : "", await ShelterLookups.PlacesAsync(db, id, ct), version));
    }
}
