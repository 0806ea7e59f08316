using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;

namespace Sigur.Features.Work;

/// <summary>
/// Start here for tasks and caseloads. A piece of work on a case for one organisation: written by a person, or
/// created by Sigur from a record that waits for someone (a legal clock falling due, a referral to answer, a plan
/// waiting for a supervisor's approval, a plan review, a follow-up contact). A Sigur-created task carries its
/// source's <see cref="SourceKey"/>, unique in the table, so deriving the tasks again never duplicates one
/// (<see cref="DeriveTasks"/>). The task belongs to the organisation that must do the work (a referral's recipient
/// answers it), and only that organisation sees it. An open task without an assignee is the case's responsible
/// worker's.
/// </summary>
public sealed class CaseTask : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid CaseId { get; set; }
    /// <summary>The case's reference, for lists that name no person.</summary>
    public string CaseReference { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public CaseTaskKind Kind { get; set; }
    /// <summary>What to do, in the writer's words (Sigur-created tasks: empty, the kind says it). Encrypted: it may name the person.</summary>
    [Sensitive(FieldGroups.Narrative)] public string Title { get; set; } = "";
    [FieldGroup(FieldGroups.CaseAdministration)] public Guid? AssigneeUserId { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public DateTime DueOn { get; set; }
    [FieldGroup(FieldGroups.CaseAdministration)] public CaseTaskStatus Status { get; set; } = CaseTaskStatus.Open;
    /// <summary>The record a Sigur-created task comes from ("clock:…", "referral:…"); null for a task written by a person.</summary>
    public string? SourceKey { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Who wrote it; null when Sigur created it.</summary>
    public Guid? CreatedBy { get; set; }
    public DateTime? EndedAt { get; set; }
    public Guid? EndedBy { get; set; }
    public long Version { get; set; }

    public bool IsOpen => Status == CaseTaskStatus.Open;

    public Refusal? End(CaseTaskStatus status, Guid? by, DateTime now)
    {
        if (!IsOpen) return new Refusal("The task is already {0}.", Status);
        if (status == CaseTaskStatus.Open) return new Refusal("A task ends as done or cancelled.");
        (Status, EndedAt, EndedBy) = (status, now, by);
        return null;
    }

    public Refusal? Reassign(Guid? assignee)
    {
        if (!IsOpen) return new Refusal("The task is already {0}.", Status);
        AssigneeUserId = assignee;
        return null;
    }
}

public enum CaseTaskKind { Manual, ClockDue, ReferralToAnswer, ApprovalWaiting, PlanReview, FollowUpContact }

public enum CaseTaskStatus { Open, Done, Cancelled }

public static class WorkModel
{
    public static DbSet<CaseTask> CaseTasks(this SigurDb db) => db.Set<CaseTask>();

    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<CaseTask>(e =>
        {
            e.ToTable("case_tasks");
            e.HasIndex(t => new { t.OrganisationId, t.Status, t.AssigneeUserId, t.DueOn });
            e.HasIndex(t => t.CaseId);
            // One task per source, ever: two runs (or two instances) deriving at once make one task, and a task someone
            // ended is not made again while its source still waits.
            e.HasIndex(t => t.SourceKey).IsUnique();
            e.Property(t => t.SourceKey).HasMaxLength(80);
            e.Property(t => t.CaseReference).HasMaxLength(20);
            e.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToOrganisation<CaseTask>(b);
    }
}
