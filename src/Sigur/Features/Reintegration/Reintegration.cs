using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;

namespace Sigur.Features.Reintegration;

/// <summary>
/// Start here for what follows assistance. Reintegration: the person is followed for months (contacts rating housing,
/// work, education, health and the risk of re-trafficking) until the follow-up is closed with an outcome. Voluntary
/// return: a return to the country of origin is planned only with a risk assessment (re-trafficking risk, family
/// situation, services at destination) and travel and reception arrangements, and followed up after the departure.
/// Both belong to the holding organisation (scoped like the case); every free text is encrypted.
/// </summary>
public sealed class ReintegrationFollowUp : ICaseOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime StartedOn { get; set; }
    public Guid StartedBy { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime? ClosedOn { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public ReintegrationOutcome? Outcome { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string ClosureNote { get; set; } = "";
    public long Version { get; set; }

    public Refusal? Close(DateOnly on, ReintegrationOutcome outcome, string note)
    {
        if (ClosedOn is not null) return new Refusal("The follow-up is already closed.");
        if (on < DateOnly.FromDateTime(StartedOn)) return new Refusal("A follow-up cannot close before it started.");
        (ClosedOn, Outcome, ClosureNote) = (on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), outcome, note);
        return null;
    }
}

public enum ReintegrationOutcome { Reintegrated, PartlyReintegrated, MovedAbroad, LostContact, Retrafficked, Died, Other }

/// <summary>A voluntary return to the country of origin, planned after a risk assessment.</summary>
public sealed class VoluntaryReturn : ICaseOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public string DestinationCountry { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public ReturnStatus Status { get; set; } = ReturnStatus.Planned;
    [FieldGroup(FieldGroups.Exploitation)] public RiskLevel RetraffickingRisk { get; set; }
    [Sensitive(FieldGroups.Exploitation)] public string RiskAssessment { get; set; } = "";
    [Sensitive(FieldGroups.Narrative)] public string FamilySituation { get; set; } = "";
    [Sensitive(FieldGroups.Narrative)] public string ServicesAtDestination { get; set; } = "";
    [Sensitive(FieldGroups.Location)] public string TravelArrangements { get; set; } = "";
    [Sensitive(FieldGroups.Location)] public string ReceptionArrangements { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime PlannedDeparture { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime? DepartedOn { get; set; }
    public DateTime AssessedAt { get; set; }
    public Guid AssessedBy { get; set; }
    public long Version { get; set; }

    public Refusal? Depart(DateOnly on)
    {
        if (Status != ReturnStatus.Planned) return new Refusal("Only a planned return departs.");
        Status = ReturnStatus.Returned;
        DepartedOn = on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return null;
    }

    public Refusal? Cancel()
    {
        if (Status != ReturnStatus.Planned) return new Refusal("Only a planned return is cancelled.");
        Status = ReturnStatus.Cancelled;
        return null;
    }
}

public enum ReturnStatus { Planned, Returned, Cancelled }

public enum RiskLevel { Low, Medium, High }

/// <summary>How one area of the person's life stands at a contact.</summary>
public enum Situation { Stable, Improving, Precarious, Critical, NotApplicable }

/// <summary>A follow-up contact, during reintegration or after a return (<see cref="SubjectId"/> names which).</summary>
public sealed class FollowUpContact : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubjectId { get; set; }
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime ContactOn { get; set; }
    [FieldGroup(FieldGroups.Location)] public Situation Housing { get; set; }
    [FieldGroup(FieldGroups.Profile)] public Situation Work { get; set; }
    [FieldGroup(FieldGroups.Profile)] public Situation Education { get; set; }
    [FieldGroup(FieldGroups.Health)] public Situation Health { get; set; }
    [FieldGroup(FieldGroups.Exploitation)] public RiskLevel Risk { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string Note { get; set; } = "";
    public Guid RecordedBy { get; set; }
}

public static class ReintegrationModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<ReintegrationFollowUp>(e =>
        {
            e.ToTable("reintegration_follow_ups");
            e.HasIndex(r => r.CaseId);
            // One open follow-up per case, however many requests race (FollowReintegration answers 409).
            e.HasIndex(r => r.CaseId, "ix_reintegration_follow_ups_one_open").IsUnique().HasFilter("closed_on IS NULL");
            e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToCase<ReintegrationFollowUp>(b);
        b.Entity<VoluntaryReturn>(e =>
        {
            e.ToTable("voluntary_returns");
            e.HasIndex(r => r.CaseId);
            // One planned return per case (PlanReturn answers 409).
            e.HasIndex(r => r.CaseId, "ix_voluntary_returns_one_planned").IsUnique().HasFilter("status = 'Planned'");
            e.Property(r => r.DestinationCountry).HasMaxLength(2);
            e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToCase<VoluntaryReturn>(b);
        b.Entity<FollowUpContact>(e =>
        {
            e.ToTable("follow_up_contacts");
            e.HasIndex(c => new { c.SubjectId, c.ContactOn });
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToCase<FollowUpContact>(b);
    }
}
