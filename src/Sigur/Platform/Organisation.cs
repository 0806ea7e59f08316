namespace Sigur.Platform;

public enum OrganisationType
{
    Police,
    BorderPolice,
    Prosecution,
    Court,
    SocialWorkCentre,
    Health,
    LabourInspection,
    Ngo,
    ShelterOperator,
    InternationalOrganisation,
    NationalCoordinatorOffice,
}

/// <summary>An institution or NGO of the National Referral Mechanism. Case records belong to exactly one.</summary>
public sealed class Organisation : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public OrganisationType Type { get; set; }
    public string Region { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2 of the country whose mechanism this is.</summary>
    public string Country { get; set; } = "MK";
    public bool IsActive { get; set; } = true;
    public long Version { get; set; }
}
