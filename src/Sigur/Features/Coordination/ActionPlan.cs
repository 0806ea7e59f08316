using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Coordination;

/// <summary>
/// The national action plan: objectives, their activities (each with a responsible institution, partners, deadline,
/// budget and its source, and status) and each activity's indicator (baseline, target, unit). The plan is kept by the
/// secretariat's organisation; every user of the workspace reads it; each responsible institution reports the progress
/// of its own activities once per reporting period, until the period is locked (<see cref="ReportProgress"/>).
/// </summary>
public sealed class ActionPlan : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public string Title { get; set; } = "";
    public DateOnly Starts { get; set; }
    public DateOnly Ends { get; set; }
    public List<Objective> Objectives { get; set; } = [];
    public List<ReportingPeriod> Periods { get; set; } = [];
    public long Version { get; set; }
}

public sealed class Objective
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
}

public sealed class PlanActivity : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public Guid ObjectiveId { get; set; }
    /// <summary>The plan's keeper.</summary>
    public Guid OrganisationId { get; set; }
    public string Code { get; set; } = "";
    public string Title { get; set; } = "";
    public Guid ResponsibleInstitutionId { get; set; }
    public List<Guid> PartnerIds { get; set; } = [];
    public DateOnly Deadline { get; set; }
    /// <summary>Minor units of <see cref="Currency"/>.</summary>
    public long Budget { get; set; }
    public string Currency { get; set; } = "EUR";
    public string FundingSource { get; set; } = "";
    public ActivityStatus Status { get; set; }
    public string Indicator { get; set; } = "";
    public decimal? Baseline { get; set; }
    public decimal? Target { get; set; }
    public long Version { get; set; }
}

public enum ActivityStatus { Planned, InProgress, Completed, Delayed, Cancelled }

/// <summary>A period the institutions report in; once locked, its reports are final.</summary>
public sealed class ReportingPeriod : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PlanId { get; set; }
    public string Name { get; set; } = "";
    public DateOnly Starts { get; set; }
    public DateOnly Ends { get; set; }
    public DateTime? LockedAt { get; set; }
    public long Version { get; set; }
}

/// <summary>A responsible institution's report on one activity for one period: one per activity and period.</summary>
public sealed class ProgressReport : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PeriodId { get; set; }
    public Guid ActivityId { get; set; }
    /// <summary>The reporting (responsible) institution.</summary>
    public Guid OrganisationId { get; set; }
    public ActivityStatus Status { get; set; }
    public decimal? Actual { get; set; }
    public string Narrative { get; set; } = "";
    public DateTime ReportedAt { get; set; }
}

public static class ActionPlanModel
{
    public static void Configure(ModelBuilder b)
    {
        b.Entity<ActionPlan>(e =>
        {
            e.ToTable("action_plans");
            e.Property(p => p.Title).HasMaxLength(300);
            e.HasMany(p => p.Objectives).WithOne().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Periods).WithOne().HasForeignKey(o => o.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Objective>(e =>
        {
            e.ToTable("plan_objectives");
            e.HasIndex(o => new { o.PlanId, o.Code }).IsUnique();
            e.Property(o => o.Code).HasMaxLength(20);
            e.Property(o => o.Title).HasMaxLength(500);
        });
        b.Entity<PlanActivity>(e =>
        {
            e.ToTable("plan_activities");
            e.HasIndex(a => new { a.PlanId, a.Code }).IsUnique();
            e.HasIndex(a => a.ResponsibleInstitutionId);
            e.Property(a => a.Code).HasMaxLength(20);
            e.Property(a => a.Title).HasMaxLength(500);
            e.Property(a => a.Currency).HasMaxLength(3);
            e.Property(a => a.FundingSource).HasMaxLength(200);
            e.Property(a => a.Indicator).HasMaxLength(300);
            e.Property(a => a.Baseline).HasPrecision(18, 4);
            e.Property(a => a.Target).HasPrecision(18, 4);
            e.HasOne<ActionPlan>().WithMany().HasForeignKey(a => a.PlanId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Objective>().WithMany().HasForeignKey(a => a.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Organisation>().WithMany().HasForeignKey(a => a.ResponsibleInstitutionId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<ReportingPeriod>(e =>
        {
            e.ToTable("reporting_periods");
            e.Property(p => p.Name).HasMaxLength(100);
        });
        b.Entity<ProgressReport>(e =>
        {
            // One report per activity and period, whoever sends it and however often: the database says so, not a check before insert.
            e.ToTable("progress_reports");
            e.HasIndex(r => new { r.PeriodId, r.ActivityId }).IsUnique();
            e.Property(r => r.Narrative).HasMaxLength(4000);
            e.Property(r => r.Actual).HasPrecision(18, 4);
            e.HasOne<ReportingPeriod>().WithMany().HasForeignKey(r => r.PeriodId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<PlanActivity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
