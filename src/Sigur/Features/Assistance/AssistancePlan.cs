using Sigur.Features.Referrals;
using Sigur.Platform;

namespace Sigur.Features.Assistance;

/// <summary>
/// Start here for assistance. The individual assistance plan of a case: what the person needs, the goals agreed with
/// them, the services planned and delivered. A supervisor approves the plan before it is in force and approves its
/// closure (never the person who wrote the plan or asked to close it); while it is in force it is reviewed on a date
/// the legal clocks of identification remind about (ClockType.AssistancePlanReview). Only the holding organisation
/// reads or writes it; the needs, goals and outcomes are encrypted.
/// </summary>
public sealed class AssistancePlan : ICaseOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public PlanStatus Status { get; set; } = PlanStatus.Draft;
    [Sensitive(FieldGroups.Narrative)] public string NeedsAssessment { get; set; } = "";
    [Sensitive(FieldGroups.Narrative)] public string Goals { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    /// <summary>The author: never the approver.</summary>
    public Guid CreatedBy { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime NextReviewOn { get; set; }
    public DateTime? ApprovedAt { get; set; }
    public Guid? ApprovedBy { get; set; }
    public DateTime? ClosureRequestedAt { get; set; }
    public Guid? ClosureRequestedBy { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string ClosureSummary { get; set; } = "";
    public DateTime? ClosedAt { get; set; }
    public Guid? ClosedBy { get; set; }
    public List<PlannedService> Services { get; set; } = [];
    public long Version { get; set; }

    public bool IsOpen => Status != PlanStatus.Closed;

    public Refusal? Edit(string needs, string goals, DateOnly nextReviewOn)
    {
        if (Status != PlanStatus.Draft) return new Refusal("Only a draft plan is edited; a plan returned by the supervisor is a draft again.");
        (NeedsAssessment, Goals, NextReviewOn) = (needs, goals, Day(nextReviewOn));
        return null;
    }

    public Refusal? Submit()
    {
        if (Status != PlanStatus.Draft) return new Refusal("Only a draft plan is submitted for approval.");
        Status = PlanStatus.AwaitingApproval;
        return null;
    }

    /// <summary>The supervisor approves the plan (it is in force) or returns it to its author (a draft again).</summary>
    public Refusal? Decide(Guid by, bool approve, DateTime now)
    {
        if (Status != PlanStatus.AwaitingApproval) return new Refusal("Only a plan awaiting approval is approved or returned.");
        if (by == CreatedBy) return new Refusal("The plan must be approved by a supervisor, not by its author.");
        Status = approve ? PlanStatus.Approved : PlanStatus.Draft;
        if (approve) (ApprovedAt, ApprovedBy) = (now, by);
        return null;
    }

    public Refusal? Review(DateOnly nextReviewOn)
    {
        if (Status != PlanStatus.Approved) return new Refusal("Only a plan in force is reviewed.");
        NextReviewOn = Day(nextReviewOn);
        return null;
    }

    public Refusal? RequestClosure(Guid by, string summary, DateTime now)
    {
        if (Status != PlanStatus.Approved) return new Refusal("Only a plan in force is closed.");
        Status = PlanStatus.ClosureRequested;
        (ClosureRequestedAt, ClosureRequestedBy, ClosureSummary) = (now, by, summary);
        return null;
    }

    /// <summary>The supervisor confirms the closure, or keeps the plan in force.</summary>
    public Refusal? DecideClosure(Guid by, bool approve, DateTime now)
    {
        if (Status != PlanStatus.ClosureRequested) return new Refusal("No closure is waiting for approval.");
        if (by == ClosureRequestedBy || by == CreatedBy) return new Refusal("The closure must be approved by a supervisor, not by the plan's author or the person who asked to close it.");
        Status = approve ? PlanStatus.Closed : PlanStatus.Approved;
        if (approve) (ClosedAt, ClosedBy) = (now, by);
        return null;
    }

    public static DateTime Day(DateOnly d) => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}

public enum PlanStatus { Draft, AwaitingApproval, Approved, ClosureRequested, Closed }

/// <summary>A service of the plan: planned for a date with a provider, then delivered with an outcome and its cost (if any).</summary>
public sealed class PlannedService : ICaseOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public ServiceType Type { get; set; }
    /// <summary>The organisation that gives the service (the holder itself, or one the case is referred to).</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public Guid ProviderOrganisationId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime PlannedOn { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime? DeliveredOn { get; set; }
    /// <summary>What came of it. Encrypted: it may speak of health or of the exploitation.</summary>
    [Sensitive(FieldGroups.Narrative)] public string Outcome { get; set; } = "";
    /// <summary>Minor units (cents, deni) of <see cref="Currency"/>; null when the service cost nothing.</summary>
    [FieldGroup(FieldGroups.CaseAdministration)] public long? CostMinor { get; set; }
    public string? Currency { get; set; }
}
