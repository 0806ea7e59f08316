using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Referrals;

/// <summary>The referral area's tables, called once from SigurDb.OnModelCreating.</summary>
public static class ReferralModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<Consent>(e =>
        {
            e.ToTable("consents");
            e.HasIndex(c => c.CaseId);
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.PrimitiveCollection(c => c.DataGroups).ElementType().HasConversion<string>();
        });
        db.ScopeToCase<Consent>(b);

        b.Entity<Referral>(e =>
        {
            e.ToTable("referrals");
            e.HasIndex(r => new { r.RecipientOrganisationId, r.Status });
            e.HasIndex(r => new { r.OrganisationId, r.RequestedAt });
            e.HasIndex(r => r.CaseId);
            // One active referral per case and recipient, however many requests race (CreateReferral answers 409).
            e.HasIndex(r => new { r.CaseId, r.RecipientOrganisationId }, "ix_referrals_one_active_per_recipient").IsUnique().HasFilter("status IN ('Requested', 'Accepted')");
            e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.PrimitiveCollection(r => r.Services).ElementType().HasConversion<string>();
            e.Property(r => r.CaseReference).HasMaxLength(20);
        });
        // Sender and recipient both see the referral itself (the inbox keeps declined and revoked ones); the case
        // behind it only while it is active and consented (AccessScope).
        db.ScopeToOrganisations<Referral>(b, r => r.RecipientOrganisationId);
    }
}
