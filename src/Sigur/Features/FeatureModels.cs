using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;

namespace Sigur.Data;

// The features' part of the one context, kept out of SigurDb.cs so that the platform's part (filters, conventions,
// the write rule, the audit) imports no feature. The list stays explicit wiring, one line per feature, like
// Program.cs's Map...() calls: no reflection scanning, and a merge adds a line.
public abstract partial class SigurDb
{
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<PersonNameToken> PersonNameTokens => Set<PersonNameToken>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseNameToken> CaseNameTokens => Set<CaseNameToken>();

    private void ConfigureFeatures(ModelBuilder b)
    {
        ConfigureCases(b);
        Features.Referrals.ReferralModel.Configure(this, b);
        Features.Shelters.ShelterModel.Configure(this, b);
        Features.Fund.FundModel.Configure(this, b);
        Features.Statistics.StatisticsModel.Configure(this, b);
        Features.Statistics.StatisticsJournal.Configure(b);
        Features.Identification.IdentificationModel.Configure(this, b);
        Features.Hotline.HotlineModel.Configure(this, b);
        Features.Justice.JusticeModel.Configure(this, b);
        Features.Services.ServiceModel.Configure(this, b);
        Features.Assistance.AssistanceModel.Configure(this, b);
        Features.MobileTeams.MobileTeamModel.Configure(this, b);
        Features.Reintegration.ReintegrationModel.Configure(this, b);
        Features.Duplicates.DuplicatesModel.Configure(this, b);
        Features.Coordination.CoordinationModel.Configure(this, b);
        Features.CaseFile.CaseFileModel.Configure(this, b);
        Features.Cases.CaseClosureModel.Configure(this, b);
        Features.Work.WorkModel.Configure(this, b);
        Features.CrossBorder.CrossBorderModel.Configure(this, b);
    }

    /// <summary>The case registry: cases, persons and their name indexes, with the need-to-know filters that case-owned records copy (<see cref="ScopeToCase{T}"/>).</summary>
    private void ConfigureCases(ModelBuilder b)
    {
        b.Entity<Person>(e =>
        {
            e.HasIndex(p => p.OrganisationId);
            e.HasQueryFilter(p => ScopeIsSystem || p.OrganisationId == ScopeOrganisationId || ScopePersonIds.Contains(p.Id) || ScopeReferredPersonIds.Contains(p.Id));
        });
        b.Entity<PersonNameToken>(e =>
        {
            e.HasKey(t => new { t.PersonId, t.Token });
            e.HasIndex(t => new { t.Token, t.OrganisationId });
            e.Property(t => t.Token).HasMaxLength(32);
            e.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(t => ScopeIsSystem || t.OrganisationId == ScopeOrganisationId || ScopePersonIds.Contains(t.PersonId) || ScopeReferredNamedPersonIds.Contains(t.PersonId));
        });
        b.Entity<Case>(e =>
        {
            e.HasIndex(c => c.Reference).IsUnique();
            e.HasIndex(c => new { c.OrganisationId, c.RegisteredAt });
            e.HasIndex(c => c.PersonId);
            e.Property(c => c.Reference).HasMaxLength(20);
            e.Property(c => c.Region).HasMaxLength(100);
            e.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasQueryFilter(c => ScopeIsSystem || c.OrganisationId == ScopeOrganisationId || ScopeCaseIds.Contains(c.Id) || ScopeReferredCaseIds.Contains(c.Id));
        });
        b.Entity<CaseNameToken>(e =>
        {
            e.HasKey(t => new { t.CaseId, t.Token });
            // Read backwards for "newest first"; case_id breaks ties the same way the case list does.
            e.HasIndex(t => new { t.Token, t.OrganisationId, t.RegisteredAt, t.CaseId });
            e.Property(t => t.Token).HasMaxLength(32);
            e.HasOne<Case>().WithMany().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasQueryFilter(t => ScopeIsSystem || t.OrganisationId == ScopeOrganisationId || ScopeCaseIds.Contains(t.CaseId) || ScopeReferredNamedCaseIds.Contains(t.CaseId));
        });
    }
}
