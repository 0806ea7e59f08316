using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Identification;

/// <summary>The identification feature's tables. Everything hanging on a case is scoped exactly like the case.</summary>
public static class IdentificationModel
{
    public static DbSet<Screening> Screenings(this SigurDb db) => db.Set<Screening>();
    public static DbSet<IdentificationDecision> IdentificationDecisions(this SigurDb db) => db.Set<IdentificationDecision>();
    public static DbSet<LegalClock> LegalClocks(this SigurDb db) => db.Set<LegalClock>();
    public static DbSet<ChildProtection> ChildProtections(this SigurDb db) => db.Set<ChildProtection>();
    public static DbSet<ChecklistVersion> ChecklistVersions(this SigurDb db) => db.Set<ChecklistVersion>();

    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<Screening>(e =>
        {
            e.HasIndex(s => new { s.CaseId, s.ScreenedOn });
            e.Property(s => s.ChecklistId).HasMaxLength(60);
            e.Property(s => s.Screener).HasMaxLength(200);
            e.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        db.ScopeToCase<Screening>(b);

        b.Entity<IdentificationDecision>(e =>
        {
            // The sequence is unique per case, so two decisions taken at once on the same status cannot both land.
            e.HasIndex(d => new { d.CaseId, d.Sequence }).IsUnique();
            e.Property(d => d.DecidingOrganisation).HasMaxLength(200);
            e.Property(d => d.FormalAuthority).HasMaxLength(200);
            e.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(d => d.ChangesStatus);
        });
        db.ScopeToCase<IdentificationDecision>(b);

        b.Entity<LegalClock>(e =>
        {
            e.HasIndex(c => new { c.OrganisationId, c.State, c.DueOn });
            e.HasIndex(c => new { c.ResponsibleUserId, c.State, c.DueOn });
            e.HasIndex(c => c.CaseId);
            // One running recovery and reflection period per case (StartRecoveryPeriod and DecideIdentification answer 409).
            e.HasIndex(c => new { c.CaseId, c.Type }, "ix_legal_clocks_one_running_recovery_period").IsUnique().HasFilter("type = 'RecoveryPeriod' AND state = 'Running'");
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        db.ScopeToCase<LegalClock>(b);

        b.Entity<ChildProtection>(e =>
        {
            e.HasIndex(c => c.CaseId).IsUnique();
            e.Property(c => c.GuardianAuthority).HasMaxLength(200);
            e.Property(c => c.BestInterestsDeterminedBy).HasMaxLength(200);
            e.Property(c => c.AgeAssessedBy).HasMaxLength(200);
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
        db.ScopeToCase<ChildProtection>(b);

        b.Entity<ChecklistVersion>(e =>
        {
            e.HasKey(v => new { v.ChecklistId, v.Version });
            e.Property(v => v.ChecklistId).HasMaxLength(60);
        });
    }
}
