using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>
/// One screening against an indicator checklist: which indicators were observed, by whom, when. It keeps the
/// checklist's id and version, so a later edit of the checklist never changes what an old screening meant. A screening
/// informs a decision; it never makes one.
/// </summary>
public sealed class Screening : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    [FieldGroup(FieldGroups.Exploitation)] public string ChecklistId { get; set; } = "";
    [FieldGroup(FieldGroups.Exploitation)] public int ChecklistVersion { get; set; }
    /// <summary>The codes of the indicators observed.</summary>
    [FieldGroup(FieldGroups.Exploitation)] public List<string> Observed { get; set; } = [];
    [FieldGroup(FieldGroups.Exploitation)] public DateTime ScreenedOn { get; set; }
    /// <summary>Who screened (name and function of the professional), when not the user who records it.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public string Screener { get; set; } = "";
    [Sensitive(FieldGroups.Narrative)] public string Notes { get; set; } = "";
    public Guid? RecordedBy { get; set; }
    public DateTime RecordedAt { get; set; }
}
