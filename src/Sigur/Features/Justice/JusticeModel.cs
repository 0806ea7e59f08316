using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Justice;

/// <summary>The feature's tables. Everything on a case gets the case's need-to-know filter; suspects get their organisation's.</summary>
public static class JusticeModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<Suspect>(e =>
        {
            e.HasIndex(s => s.OrganisationId);
            e.Property(s => s.Notes).HasMaxLength(40_000);
        });
        db.ScopeToOrganisation<Suspect>(b);

        b.Entity<SuspectCaseLink>(e =>
        {
            e.HasIndex(l => new { l.SuspectId, l.CaseId }).IsUnique();
            e.HasIndex(l => l.CaseId);
            e.HasOne<Suspect>().WithMany().HasForeignKey(l => l.SuspectId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToCase<SuspectCaseLink>(b);

        b.Entity<Proceeding>(e =>
        {
            e.HasIndex(p => p.CaseId);
            e.HasIndex(p => p.OrganisationId);
            e.Property(p => p.Country).HasMaxLength(2);
            e.Property(p => p.PoliceReference).HasMaxLength(100);
            e.Property(p => p.ProsecutorReference).HasMaxLength(100);
            e.Property(p => p.CourtReference).HasMaxLength(100);
            e.Property(p => p.ConfiscationDescription).HasMaxLength(2000);
            e.Property(p => p.ConfiscatedCurrency).HasMaxLength(3);
            e.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(p => p.Stages).WithOne().HasForeignKey(s => s.ProceedingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Charges).WithOne().HasForeignKey(c => c.ProceedingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Outcomes).WithOne().HasForeignKey(o => o.ProceedingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(p => p.Claims).WithOne().HasForeignKey(c => c.ProceedingId).OnDelete(DeleteBehavior.Cascade);
        });
        db.ScopeToCase<Proceeding>(b);

        b.Entity<ProceedingStageEvent>(e => e.Property(s => s.Reference).HasMaxLength(100));
        db.ScopeToCase<ProceedingStageEvent>(b);

        b.Entity<Charge>(e =>
        {
            e.HasIndex(c => c.SuspectId);
            e.Property(c => c.Country).HasMaxLength(2);
            e.Property(c => c.Edition).HasMaxLength(20);
            e.Property(c => c.Article).HasMaxLength(20);
            e.Property(c => c.Paragraph).HasMaxLength(20);
            e.Property(c => c.Reason).HasMaxLength(2000);
            e.HasOne<Suspect>().WithMany().HasForeignKey(c => c.SuspectId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToCase<Charge>(b);

        b.Entity<DefendantOutcome>(e =>
        {
            e.HasIndex(o => o.SuspectId);
            e.Property(o => o.Article).HasMaxLength(20);
            e.Property(o => o.Paragraph).HasMaxLength(20);
            e.Property(o => o.FineCurrency).HasMaxLength(3);
            e.HasOne<Suspect>().WithMany().HasForeignKey(o => o.SuspectId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToCase<DefendantOutcome>(b);

        b.Entity<CompensationClaim>(e => e.Property(c => c.Currency).HasMaxLength(3));
        db.ScopeToCase<CompensationClaim>(b);

        b.Entity<QualificationDecision>(e =>
        {
            e.HasIndex(q => q.CaseId);
            e.Property(q => q.Country).HasMaxLength(2);
            e.Property(q => q.Edition).HasMaxLength(20);
            e.HasOne<Case>().WithMany().HasForeignKey(q => q.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToCase<QualificationDecision>(b);

        b.Entity<CatalogueRevision>(e =>
        {
            // Two administrators saving from the same revision: the second insert fails here and gets 409.
            e.HasIndex(r => new { r.Country, r.Edition, r.Revision }).IsUnique();
            e.Property(r => r.Country).HasMaxLength(2);
            e.Property(r => r.Edition).HasMaxLength(20);
            e.Property(r => r.Note).HasMaxLength(2000);
        });
    }
}
