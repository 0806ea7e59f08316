using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.CrossBorder;

/// <summary>The cross-border tables, called once from SigurDb.OnModelCreating.</summary>
public static class CrossBorderModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<InstanceKey>(e =>
        {
            e.ToTable("trm_instance_keys");
            e.HasIndex(k => k.Kid).IsUnique();
            e.Property(k => k.Kid).HasMaxLength(64);
            e.Property(k => k.PublicJwk).HasMaxLength(1000);
            // One current pair per use, however many processes make them at once.
            e.HasIndex(k => k.Use, "ix_trm_instance_keys_one_current").IsUnique().HasFilter("valid_until IS NULL");
        });
        b.Entity<Peer>(e =>
        {
            e.ToTable("trm_peers");
            e.HasIndex(p => p.Country).IsUnique();
            e.Property(p => p.Country).HasMaxLength(2);
            e.Property(p => p.Name).HasMaxLength(200);
            e.Property(p => p.InboxUrl).HasMaxLength(500);
            e.Property(p => p.LegalBasis).HasMaxLength(1000);
            e.HasMany(p => p.Keys).WithOne().HasForeignKey(k => k.PeerId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<PeerKey>(e =>
        {
            e.ToTable("trm_peer_keys");
            e.HasIndex(k => new { k.PeerId, k.Kid }).IsUnique();
            e.HasIndex(k => k.Kid);
            e.Property(k => k.Kid).HasMaxLength(64);
            e.Property(k => k.Jwk).HasMaxLength(1000);
        });
        b.Entity<Conversation>(e =>
        {
            e.ToTable("trm_conversations");
            e.HasIndex(c => new { c.OrganisationId, c.StartedAt });
            e.HasIndex(c => c.CaseId);
            e.Property(c => c.CaseReference).HasMaxLength(20);
            e.Property(c => c.PeerCaseReference).HasMaxLength(40);
            e.HasOne<Peer>().WithMany().HasForeignKey(c => c.PeerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.PrimitiveCollection(c => c.Services).ElementType().HasConversion<string>();
        });
        db.ScopeToOrganisation<Conversation>(b);
        b.Entity<OutgoingPackage>(e =>
        {
            e.ToTable("trm_outbox");
            e.HasIndex(p => new { p.Status, p.NextAttemptAt });
            e.HasIndex(p => new { p.ConversationId, p.Sequence }).IsUnique();
            e.Property(p => p.LastError).HasMaxLength(500);
            e.HasOne<Peer>().WithMany().HasForeignKey(p => p.PeerId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<RegionalNotice>(e =>
        {
            e.ToTable("trm_notices");
            e.HasIndex(n => n.At);
            e.Property(n => n.Country).HasMaxLength(2);
            e.Property(n => n.Title).HasMaxLength(200);
            e.Property(n => n.Text).HasMaxLength(4000);
        });
        b.Entity<IncomingPackage>(e =>
        {
            e.ToTable("trm_inbox");
            // Duplicate elimination (ebMS): a message id is taken in once per sender, however many copies race.
            e.HasIndex(p => new { p.PeerId, p.MessageId }).IsUnique();
            e.HasIndex(p => p.ReceivedAt);
            e.Property(p => p.Error).HasMaxLength(500);
        });
    }
}
