using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Features.Cases;

namespace Sigur.Features.Shelters;

/// <summary>The shelters' tables, called once from SigurDb.OnModelCreating.</summary>
public static class ShelterModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<Shelter>(e =>
        {
            e.ToTable("shelters");
            e.HasIndex(s => s.OrganisationId);
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Region).HasMaxLength(100);
            // The coordinator's office registers shelters for the organisations that run them (RegisterShelter).
            e.KeptAlsoBy(Role.NationalCoordinator);
        });
        b.Entity<ShelterPlaces>(e =>
        {
            e.ToTable("shelter_places");
            e.HasKey(p => new { p.ShelterId, p.Sex, p.AgeGroup });
            e.HasOne<Shelter>().WithMany().HasForeignKey(p => p.ShelterId).OnDelete(DeleteBehavior.Cascade);
            e.ToTable(t => t.HasCheckConstraint("ck_shelter_places_occupied", "occupied >= 0 AND occupied <= places"));
        });
        b.Entity<ShelterPlacement>(e =>
        {
            e.ToTable("shelter_placements");
            e.HasIndex(p => new { p.ShelterId, p.DischargedAt });
            // One open stay per case, whatever the concurrency.
            e.HasIndex(p => p.CaseId).IsUnique().HasFilter("discharged_at IS NULL");
            e.HasOne<Shelter>().WithMany().HasForeignKey(p => p.ShelterId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.Property(p => p.CaseReference).HasMaxLength(20);
        });
        db.ScopeToCase<ShelterPlacement>(b);
        b.Entity<ShelterWaitingEntry>(e =>
        {
            e.ToTable("shelter_waiting_entries");
            e.HasIndex(w => new { w.ShelterId, w.RemovedAt, w.AddedAt });
            // A case waits once for a shelter (ShelterResidents answers 409).
            e.HasIndex(w => new { w.ShelterId, w.CaseId }, "ix_shelter_waiting_entries_once").IsUnique().HasFilter("removed_at IS NULL");
            e.HasOne<Shelter>().WithMany().HasForeignKey(w => w.ShelterId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(w => w.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.Property(w => w.CaseReference).HasMaxLength(20);
        });
        db.ScopeToCase<ShelterWaitingEntry>(b);
    }
}
