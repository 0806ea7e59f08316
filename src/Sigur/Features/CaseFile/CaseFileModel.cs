using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.CaseFile;

/// <summary>The case file's tables, called once from SigurDb.OnModelCreating.</summary>
public static class CaseFileModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<CaseNote>(e =>
        {
            e.ToTable("case_notes");
            e.HasIndex(n => new { n.CaseId, n.WrittenAt });
            e.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.Property(n => n.WrittenByName).HasMaxLength(200);
        });
        db.ScopeToDataGroup<CaseNote>(b);

        b.Entity<CaseDocument>(e =>
        {
            e.ToTable("case_documents");
            e.HasIndex(d => new { d.CaseId, d.UploadedAt });
            e.HasIndex(d => new { d.PersonId, d.UploadedAt });
            e.HasIndex(d => d.SubjectId);
            e.HasOne<Person>().WithMany().HasForeignKey(d => d.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Case>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.Property(d => d.ContentType).HasMaxLength(100);
            e.Property(d => d.UploadedByName).HasMaxLength(200);
        });
        db.ScopeToDataGroup<CaseDocument>(b);
        b.Entity<DocumentContent>(e =>
        {
            e.ToTable("document_contents");
            e.Property(c => c.Id).ValueGeneratedNever();
            e.HasOne<CaseDocument>().WithOne().HasForeignKey<DocumentContent>(c => c.Id).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<PersonRelation>(e =>
        {
            e.ToTable("person_relations");
            e.HasIndex(r => r.PersonId);
            e.HasIndex(r => r.RelatedPersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(r => r.RelatedPersonId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToDataGroup<PersonRelation>(b);
    }
}
