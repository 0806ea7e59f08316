using Sigur.Platform;

namespace Sigur.Features.Shelters;

/// <summary>
/// Start here for shelters. A shelter run by an organisation, with places by sex and age group. Its address is the
/// most secret datum in the system: encrypted, shown only to the shelter's own staff and the national coordinator,
/// and never part of a referral, export or notification (no payload but <see cref="ShelterDetail"/> carries it).
/// </summary>
public sealed class Shelter : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public string Region { get; set; } = "";
    [Sensitive(FieldGroups.Location)] public string Address { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public long Version { get; set; }
}

/// <summary>
/// The places of one category (sex × age group) of a shelter and how many are taken. <see cref="Occupied"/> changes
/// only by conditional updates (… SET occupied = occupied + 1 WHERE occupied &lt; places) inside the admission's
/// transaction, so no concurrency can put more people in a shelter than it has places.
/// </summary>
public sealed class ShelterPlaces
{
    public Guid ShelterId { get; set; }
    public PlaceSex Sex { get; set; }
    public AgeGroup AgeGroup { get; set; }
    public int Places { get; set; }
    public int Occupied { get; set; }
}

/// <summary>One stay of a person (a case) in a shelter; open until discharged. A case has at most one open stay.</summary>
public sealed class ShelterPlacement : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ShelterId { get; set; }
    /// <summary>The shelter's organisation: placements are the shelter's records.</summary>
    public Guid OrganisationId { get; set; }
    public Guid CaseId { get; set; }
    public string CaseReference { get; set; } = "";
    public PlaceSex Sex { get; set; }
    public AgeGroup AgeGroup { get; set; }
    public DateTime AdmittedAt { get; set; }
    public Guid AdmittedBy { get; set; }
    public DateTime? DischargedAt { get; set; }
    public Guid? DischargedBy { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string DischargeReason { get; set; } = "";
}

/// <summary>A case waiting for a place in a shelter; removed when admitted (or taken off the list).</summary>
public sealed class ShelterWaitingEntry : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ShelterId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid CaseId { get; set; }
    public string CaseReference { get; set; } = "";
    public PlaceSex Sex { get; set; }
    public AgeGroup AgeGroup { get; set; }
    public DateTime AddedAt { get; set; }
    public DateTime? RemovedAt { get; set; }
}

public enum PlaceSex { Female, Male }

public enum AgeGroup { Adult, Child }

public sealed record PlaceCount(PlaceSex Sex, AgeGroup AgeGroup, int Places, int Occupied);

/// <summary>A shelter in the directory: never the address.</summary>
public sealed record ShelterSummary(Guid Id, Guid OrganisationId, string Name, string Region, IReadOnlyList<PlaceCount> Places, int TotalPlaces, int TotalOccupied);

/// <summary>A shelter for its own staff and the national coordinator: with the address.</summary>
public sealed record ShelterDetail(Guid Id, Guid OrganisationId, string Name, string Region, string Address, IReadOnlyList<PlaceCount> Places, long Version);
