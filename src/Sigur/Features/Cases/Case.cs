using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Cases;

/// <summary>
/// One trafficking situation of one person, held by one organisation. Everything that hangs on a case is visible
/// only to the holding organisation (SigurDb's query filter), later also to organisations it is referred to.
/// </summary>
public sealed partial class Case : IVersioned, IOrganisationOwned, IDisclosedInPart
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>A non-identifying reference for talking about the case (for example on the phone): YYYY-NNNNNN.</summary>
    public required string Reference { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public Person? Person { get; set; }

    public IReadOnlySet<DataGroup>? GroupsGranted(AccessScope scope) => scope.GroupsForCase(Id);

    [FieldGroup(FieldGroups.CaseAdministration)] public IntakeChannel IntakeChannel { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime IntakeDate { get; set; }
    public DateTime RegisteredAt { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public CaseStatus Status { get; set; } = CaseStatus.Active;
    [FieldGroup(FieldGroups.CaseAdministration)] public IdentificationStatus IdentificationStatus { get; set; } = IdentificationStatus.Potential;

    /// <summary>HTCDS vic_TypeOfExploitation codes (see CodeLists).</summary>
    [FieldGroup(FieldGroups.Exploitation)] public List<string> FormsOfExploitation { get; set; } = [];
    /// <summary>HTCDS vic_MethodsOfControl codes.</summary>
    [FieldGroup(FieldGroups.Exploitation)] public List<string> MeansOfControl { get; set; } = [];
    [FieldGroup(FieldGroups.Exploitation)] public List<string> CountriesOfOrigin { get; set; } = [];
    [FieldGroup(FieldGroups.Exploitation)] public List<string> CountriesOfTransit { get; set; } = [];
    [FieldGroup(FieldGroups.Exploitation)] public List<string> CountriesOfExploitation { get; set; } = [];
    /// <summary>The region of the holding organisation's country where the case was registered.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public string Region { get; set; } = "";

    /// <summary>
    /// Whole years of age on the intake date, kept in plain text for statistics so that counting never decrypts a date
    /// of birth (Features/Statistics/AgeAtIntakeStamp sets it whenever the case or the person's birth date changes).
    /// </summary>
    [FieldGroup(FieldGroups.Profile)] public int? AgeAtIntake { get; set; }

    /// <summary>What happened, in the words of the person or the worker. Encrypted.</summary>
    [Sensitive(FieldGroups.Narrative)] public string Narrative { get; set; } = "";

    /// <summary>The worker of the holding organisation who answers for the case (tasks without an assignee are theirs); null: nobody yet.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public Guid? ResponsibleUserId { get; set; }
    /// <summary>Workers of the holding organisation who stand in for the responsible worker.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public List<Guid> DeputyUserIds { get; set; } = [];

    public long Version { get; set; }

    public bool IsClosed => Status is CaseStatus.Closed or CaseStatus.ClosedReferred;
}

/// <summary>
/// The case list's name index: one row per case and keyed name token of its person, with the case's organisation
/// and registration time beside the token. A name search then walks (token, organisation, registered_at) in order
/// and stops after a page, instead of fetching every person with a common surname and sorting their cases.
/// Maintained with the person's tokens by <see cref="NameIndex"/>.
/// </summary>
public sealed class CaseNameToken
{
    public Guid CaseId { get; set; }
    public required string Token { get; set; }
    public Guid OrganisationId { get; set; }
    public DateTime RegisteredAt { get; set; }
}

/// <summary>How the case came to the mechanism (PRODUCT.md §1).</summary>
public enum IntakeChannel
{
    Police, BorderPolice, SocialWorkCentre, Ngo, LabourInspection, Health, Education, Hotline, MobileTeam, SelfReferral, AnotherCountry,
}

/// <summary>HTCDS cas_Status.</summary>
public enum CaseStatus { Active, FollowUp, Closed, ClosedReferred }

/// <summary>potential → presumed → identified, or not a victim (HTCDS vic_TraffickingStatus: Possible / Actual / NotAVictim).</summary>
public enum IdentificationStatus { Potential, Presumed, Identified, NotAVictim }
