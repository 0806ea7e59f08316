using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>
/// A suspected or convicted offender. Kept apart from victims (<see cref="Cases.Person"/>): its own table, its own
/// policy (<see cref="Policies.Justice"/>: police, prosecution, the coordinator's office), never shown to social workers.
/// Held by the organisation that registered it; names and birth date are encrypted.
/// </summary>
public sealed class Suspect : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }

    [Sensitive(FieldGroups.Identity)] public string GivenName { get; set; } = "";
    [Sensitive(FieldGroups.Identity)] public string FamilyName { get; set; } = "";
    /// <summary>Other names and nicknames, one per line.</summary>
    [Sensitive(FieldGroups.Identity)] public string Aliases { get; set; } = "";
    /// <summary>ISO 8601, possibly partial.</summary>
    [Sensitive(FieldGroups.DateOfBirth)] public string DateOfBirth { get; set; } = "";
    [FieldGroup(FieldGroups.Profile)] public Cases.Sex Sex { get; set; } = Cases.Sex.Unknown;
    /// <summary>ISO 3166-1 alpha-2.</summary>
    [FieldGroup(FieldGroups.Profile)] public List<string> Citizenships { get; set; } = [];
    /// <summary>What the police know of the person beyond the fields. Encrypted.</summary>
    [Sensitive(FieldGroups.Narrative)] public string Notes { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public long Version { get; set; }

    public string FullName => $"{GivenName} {FamilyName}".Trim();
}

/// <summary>A suspect's part in one case: the role in the trafficking process (HTCDS per_RoleInProcess) and the relation to the victim.</summary>
public sealed class SuspectCaseLink : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SuspectId { get; set; }
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    [FieldGroup(JusticeFieldGroups.Proceedings)] public List<string> RolesInProcess { get; set; } = [];
    [FieldGroup(JusticeFieldGroups.Proceedings)] public RelationToVictim RelationToVictim { get; set; } = RelationToVictim.Unknown;
    public DateTime LinkedAt { get; set; }
}

/// <summary>HTCDS vic_RelationshipToTrafficker, with the CTDC recruiter relations that the statistics ask for.</summary>
public enum RelationToVictim { Unknown, Familial, IntimatePartner, Friend, Acquainted, Unacquainted }
