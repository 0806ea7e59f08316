using Sigur.Platform;

namespace Sigur.Features.Shelters;

/// <summary>The REST routes of shelters (start reading at Shelter.cs).</summary>
public static class ShelterApi
{
    public static RouteGroupBuilder MapShelterApi(this RouteGroupBuilder api)
    {
        var shelters = api.MapGroup("/shelters").WithTags("Shelters");
        shelters.MapGet("/", ShelterDirectory.List)
            .WithSummary("Shelters with places and occupancy by sex and age group (never addresses)");
        shelters.MapGet("/{id:guid}", ShelterDirectory.One)
            .WithSummary("One shelter; the address only for its own staff and the national coordinator");
        shelters.MapPost("/", RegisterShelter.Handle)
            .WithSummary("Register a shelter with its places: one's own, or (the coordinator's office) one run by another organisation");
        shelters.MapPost("/{id:guid}/admissions", AdmitToShelter.Handle)
            .WithSummary("Admit a case's person to a free place (409 when full)");
        shelters.MapPost("/{id:guid}/placements/{placementId:guid}/discharge", DischargeFromShelter.Handle)
            .WithSummary("Discharge: ends the stay and frees the place");
        shelters.MapGet("/{id:guid}/placements", ShelterResidents.Placements)
            .WithSummary("Current residents (case references)");
        shelters.MapGet("/{id:guid}/waiting-list", ShelterResidents.WaitingList)
            .WithSummary("The waiting list");
        shelters.MapPost("/{id:guid}/waiting-list", ShelterResidents.AddToWaitingList)
            .WithSummary("Put a case on the waiting list");
        shelters.MapPost("/{id:guid}/waiting-list/{entryId:guid}/remove", ShelterResidents.RemoveFromWaitingList)
            .WithSummary("Take a case off the waiting list");
        shelters.MapPut("/{id:guid}/places", EditPlaces.Handle)
            .WithSummary("Set the places per sex and age group (never below the people staying; 409)");
        shelters.MapGet("/{id:guid}/occupancy", Occupancy.Handle)
            .WithSummary("Occupancy at the end of each day of a period (counts only)");
        return api;
    }
}
