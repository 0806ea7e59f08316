using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Fund;

/// <summary>The fund's tables, called once from SigurDb.OnModelCreating.</summary>
public static class FundModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<Donor>(e =>
        {
            e.ToTable("fund_donors");
            e.Property(d => d.Name).HasMaxLength(200);
        });
        b.Entity<Grant>(e =>
        {
            e.ToTable("fund_grants");
            e.HasOne<Donor>().WithMany().HasForeignKey(g => g.DonorId).OnDelete(DeleteBehavior.Restrict);
            e.Property(g => g.Name).HasMaxLength(200);
            e.Property(g => g.Currency).HasMaxLength(3);
        });
        b.Entity<BudgetLine>(e =>
        {
            e.ToTable("fund_budget_lines", t => t.HasCheckConstraint("ck_fund_budget_lines_not_overspent", "approved >= 0 AND approved <= amount AND paid >= 0 AND paid <= approved"));
            e.HasOne<Grant>().WithMany().HasForeignKey(l => l.GrantId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(l => new { l.GrantId, l.Category }).IsUnique();
            e.Property(l => l.Currency).HasMaxLength(3);
        });
        b.Entity<Disbursement>(e =>
        {
            e.ToTable("fund_disbursements");
            e.HasOne<BudgetLine>().WithMany().HasForeignKey(d => d.BudgetLineId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(d => new { d.FundOrganisationId, d.Status, d.RequestedAt });
            e.HasIndex(d => new { d.OrganisationId, d.RequestedAt });
            // The same cost is paid once: a rejected request does not block a corrected one.
            e.HasIndex(d => new { d.CaseId, d.CostKey }).IsUnique().HasFilter("status <> 'Rejected'");
            e.Property(d => d.CaseReference).HasMaxLength(20);
            e.Property(d => d.Currency).HasMaxLength(3);
            e.Property(d => d.CostKey).HasMaxLength(32);
            e.Property(d => d.PaymentReference).HasMaxLength(100);
        });
        db.ScopeToOrganisations<Disbursement>(b, d => d.FundOrganisationId);
    }
}
