using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Shelters;

/// <summary>
/// A shelter's staff register their shelter with its address and places; the national coordinator's office registers
/// a shelter for the organisation that runs it (<see cref="Request.OrganisationId"/>; anyone else only for their own).
/// </summary>
public static class RegisterShelter
{
    public const string Policy = Policies.ShelterPlaces;

    /// <param name="OrganisationId">The organisation that runs the shelter: the user's own when none is given.</param>
    public sealed record Request(string Name, string Region, string Address, IReadOnlyList<PlaceCount> Places, Guid? OrganisationId = null);

    public static async Task<Results<Created<ShelterDetail>, ValidationProblem>> Handle(Request request, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200) errors["name"] = ["A name of at most 200 characters."];
        if ((request.Region?.Length ?? 0) > 100) errors["region"] = ["At most 100 characters."];
        if (string.IsNullOrWhiteSpace(request.Address) || request.Address.Length > 500) errors["address"] = ["An address of at most 500 characters."];
        ShelterLookups.CheckPlaces(request.Places, errors);
        var operatorId = request.OrganisationId ?? user.OrganisationId!.Value;
        if (operatorId != user.OrganisationId && user.Role != Role.NationalCoordinator)
            errors["organisationId"] = ["A shelter of your own organisation only."];
        else if (!await db.Organisations.AnyAsync(o => o.Id == operatorId && o.IsActive, ct))
            errors["organisationId"] = ["An active organisation."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var shelter = new Shelter { OrganisationId = operatorId, Name = request.Name.Trim(), Region = request.Region?.Trim() ?? "", Address = request.Address.Trim() };
        db.Add(shelter);
        foreach (var p in request.Places)
            db.Add(new ShelterPlaces { ShelterId = shelter.Id, Sex = p.Sex, AgeGroup = p.AgeGroup, Places = p.Places });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/shelters/{shelter.Id}", new ShelterDetail(shelter.Id, shelter.OrganisationId, shelter.Name, shelter.Region,
            shelter.Address, [.. request.Places.Select(p => p with { Occupied = 0 })], shelter.Version));
    }
}
