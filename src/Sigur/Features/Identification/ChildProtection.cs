using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>
/// What a child's case adds (CETS 197 art. 10 and 16; UNHCR/UNICEF best-interests procedures): the guardian appointed
/// and when, the best-interests assessment and determination, the child's own views, and how the child-specific
/// procedure was applied. One per case; kept whenever the person is, or is presumed to be, a child.
/// </summary>
public sealed class ChildProtection : ICaseOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }

    [Sensitive(FieldGroups.Contact)] public string GuardianName { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public string GuardianAuthority { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime? GuardianAppointedOn { get; set; }

    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime? BestInterestsAssessedOn { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string BestInterestsAssessment { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime? BestInterestsDeterminedOn { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public string BestInterestsDeterminedBy { get; set; } = "";
    [Sensitive(FieldGroups.Narrative)] public string BestInterestsDetermination { get; set; } = "";

    /// <summary>The child's own views, in the child's words where possible (art. 12 CRC).</summary>
    [Sensitive(FieldGroups.Narrative)] public string ChildViews { get; set; } = "";
    /// <summary>The child-specific safeguards applied (codes of <see cref="ChildSafeguards"/>).</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public List<string> Safeguards { get; set; } = [];
    [Sensitive(FieldGroups.Narrative)] public string ProcedureNotes { get; set; } = "";

    // The age assessment that ends (or confirms) the presumption of minority.
    [FieldGroup(FieldGroups.Profile)] public DateTime? AgeAssessedOn { get; set; }
    [FieldGroup(FieldGroups.Profile)] public AgeAssessmentOutcome? AgeAssessment { get; set; }
    [FieldGroup(FieldGroups.Profile)] public string AgeAssessedBy { get; set; } = "";
    [Sensitive(FieldGroups.Narrative)] public string AgeAssessmentNotes { get; set; } = "";

    public long Version { get; set; }
}

/// <summary>An age assessment's outcome. Inconclusive keeps the presumption of minority (the benefit of the doubt).</summary>
public enum AgeAssessmentOutcome { Child, Adult, Inconclusive }

/// <summary>The child-specific procedure: safeguards a worker ticks as applied.</summary>
public static class ChildSafeguards
{
    public static readonly IReadOnlyList<string> All =
    [
        "GuardianPresent", "InterviewByTrainedProfessional", "ChildFriendlyRoom", "SingleRecordedInterview", "InterpreterOfChildsLanguage",
        "SameSexInterviewerOnRequest", "FamilyTracingStarted", "NoDetention", "PriorityProcedure",
    ];
}
