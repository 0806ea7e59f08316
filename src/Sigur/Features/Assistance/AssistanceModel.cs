using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Referrals;

namespace Sigur.Features.Assistance;

/// <summary>The assistance area's tables: scoped exactly like the case (holding organisation and break-glass only).</summary>
public static class AssistanceModel
{
    public static DbSet<AssistancePlan> AssistancePlans(this SigurDb db) => db.Set<AssistancePlan>();

    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<AssistancePlan>(e =>
        {
            e.ToTable("assistance_plans");
            e.HasIndex(p => p.CaseId);
            // One open plan per case (CreatePlan answers 409).
            e.HasIndex(p => p.CaseId, "ix_assistance_plans_one_open").IsUnique().HasFilter("status <> 'Closed'");
            e.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Services).WithOne().HasForeignKey(s => s.PlanId).OnDelete(DeleteBehavior.Cascade);
        });
        db.ScopeToCase<AssistancePlan>(b);
        b.Entity<PlannedService>(e =>
        {
            e.ToTable("planned_services");
            e.HasIndex(s => s.PlanId);
            e.Property(s => s.Currency).HasMaxLength(3);
        });
        db.ScopeToCase<PlannedService>(b);
    }
}

public sealed record PlannedServiceView(Guid Id, ServiceType Type, Guid ProviderOrganisationId, DateOnly PlannedOn, DateOnly? DeliveredOn, string Outcome,
    long? CostMinor, string? Currency)
{
    public static PlannedServiceView From(PlannedService s) => new(s.Id, s.Type, s.ProviderOrganisationId, DateOnly.FromDateTime(s.PlannedOn),
        s.DeliveredOn is { } d ? DateOnly.FromDateTime(d) : null, s.Outcome, s.CostMinor, s.Currency);
}

public sealed record PlanView(Guid Id, Guid CaseId, PlanStatus Status, string NeedsAssessment, string Goals, DateOnly NextReviewOn, DateTime CreatedAt,
    Guid CreatedBy, DateTime? ApprovedAt, Guid? ApprovedBy, string ClosureSummary, DateTime? ClosedAt, IReadOnlyList<PlannedServiceView> Services, long Version)
{
    public static PlanView From(AssistancePlan p) => new(p.Id, p.CaseId, p.Status, p.NeedsAssessment, p.Goals, DateOnly.FromDateTime(p.NextReviewOn),
        p.CreatedAt, p.CreatedBy, p.ApprovedAt, p.ApprovedBy, p.ClosureSummary, p.ClosedAt,
        [.. p.Services.OrderBy(s => s.PlannedOn).Select(PlannedServiceView.From)], p.Version);
}
