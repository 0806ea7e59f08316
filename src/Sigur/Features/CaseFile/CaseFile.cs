using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.CaseFile;

/// <summary>
/// Start here for the case file: what the people working a case write and keep beside the records — journal notes
/// (<see cref="CaseNote"/>), documents (<see cref="CaseDocument"/>), the people around a person
/// (<see cref="PersonRelation"/>) — and what is built from the records themselves: the case's timeline
/// (<see cref="CaseTimeline"/>), the person page (<see cref="GetPerson"/>) and the printouts (<see cref="Printouts"/>).
/// Notes and documents each belong to one consent data group and are filtered by it in SigurDb
/// (<see cref="IInDataGroup"/>): an organisation the case is referred to sees one only while the consent covers its group.
/// </summary>
public sealed class CaseNote : IInDataGroup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid? CaseId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>Always null: a note is held by one organisation (a column all the same, for the one filter of <see cref="IInDataGroup"/>).</summary>
    public Guid? SharedWithOrganisationId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DataGroup Group { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string Text { get; set; } = "";
    public DateTime WrittenAt { get; set; }
    public Guid WrittenBy { get; set; }
    /// <summary>The writer's name as it was (users are renamed, and a reader of another organisation cannot look them up).</summary>
    public string WrittenByName { get; set; } = "";

    public const int MaxLength = 8000;
}

/// <summary>
/// A file attached to a person, a case, a fund payment (its receipt) or a proceeding. The bytes live in
/// <see cref="DocumentContent"/>, encrypted under the field keys; this row is what lists show.
/// </summary>
public sealed class CaseDocument : IInDataGroup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The organisation that holds the document (its uploader's).</summary>
    public Guid OrganisationId { get; set; }
    public Guid? CaseId { get; set; }
    public Guid PersonId { get; set; }
    /// <summary>For a receipt: the other organisation of the disbursement (the fund, or the requester), which holds it too.</summary>
    public Guid? SharedWithOrganisationId { get; set; }
    public DocumentSubject Subject { get; set; }
    /// <summary>The disbursement or proceeding it is attached to; null for a person's or a case's document.</summary>
    public Guid? SubjectId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DocumentKind Kind { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DataGroup Group { get; set; }
    /// <summary>The name the file had: it often names the person ("ID Ana Petrović.pdf").</summary>
    [Sensitive(FieldGroups.Documents)] public string FileName { get; set; } = "";
    /// <summary>What the content is by its first bytes (<see cref="FileTypes"/>), never what its name or the browser claims.</summary>
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public DateTime UploadedAt { get; set; }
    public Guid UploadedBy { get; set; }
    public string UploadedByName { get; set; } = "";
}

/// <summary>
/// A document's bytes, encrypted under the field keys like any sensitive field (so `keys rotate` re-encrypts them and
/// a backup holds them sealed). Kept in the database, not a folder: it is written in the same transaction as its
/// document row and the audit, backed up, restored and checked table by table with everything else, and there is no
/// second place to protect, back up or keep consistent. The size limit (<see cref="FileTypes.MaxBytes"/>) keeps that cheap.
/// A table of its own so that lists never read the bytes; reached only through a <see cref="CaseDocument"/> the
/// user may see (<see cref="DownloadDocument"/>).
/// </summary>
public sealed class DocumentContent
{
    public Guid Id { get; set; }
    [Sensitive(FieldGroups.Documents)] public byte[] Bytes { get; set; } = [];
}

public enum DocumentSubject { Person, Case, Disbursement, Proceeding }

public enum DocumentKind { IdentityDocument, SignedConsent, MedicalReport, Receipt, CourtDocument, PoliceReport, Other }

/// <summary>
/// Someone around a person, held by the organisation that holds the person: another person of its registry (a
/// co-victim, a family member) or someone named here only (a child's guardian is often not in the registry).
/// </summary>
public sealed class PersonRelation : IInDataGroup
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    // Who is around a person is identity data (of the person and of them), seen with the person: filtered as a record
    // of the identity group on the person (IInDataGroup), so a break-glass reader and a recipient with identity consent see it.
    public Guid? CaseId { get; set; }
    public Guid? SharedWithOrganisationId { get; set; }
    public DataGroup Group { get; set; } = DataGroup.Identity;
    public Guid? RelatedPersonId { get; set; }
    [FieldGroup(FieldGroups.Identity)] public RelationKind Kind { get; set; }
    /// <summary>The name of someone not in the registry (empty when <see cref="RelatedPersonId"/> is set).</summary>
    [Sensitive(FieldGroups.Identity)] public string Name { get; set; } = "";
    [Sensitive(FieldGroups.Contact)] public string Contact { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
}

/// <summary>Family member, dependant (a child in the person's care), co-victim (same case or operation), guardian (of a child).</summary>
public enum RelationKind { FamilyMember, Dependant, CoVictim, Guardian }
