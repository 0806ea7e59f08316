using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;

namespace Sigur.Features.Statistics;

/// <summary>
/// Two persons, usually held by different organisations, who are the same human being. The duplicate-detection
/// engine proposes links; a person confirms them. Statistics count a confirmed cluster of linked persons once
/// (see CountingRules). A link carries no personal data, only the two ids, so it is not organisation-filtered: it is
/// read by aggregates, which return counts only.
/// </summary>
public sealed class PersonLink : Sigur.Platform.IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonAId { get; set; }
    public Guid PersonBId { get; set; }
    /// <summary>Only confirmed links merge persons in the statistics; proposed ones wait for a person's decision.</summary>
    public bool Confirmed { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public Guid? ConfirmedBy { get; set; }
    /// <summary>The match probability the scan gave the pair (Features/Duplicates/PersonScan); 1 for a merge within an organisation.</summary>
    public double Score { get; set; }
    /// <summary>Judged two different people: the link stays, so the scan never proposes the pair again.</summary>
    public bool Rejected { get; set; }
    public DateTime? RejectedAt { get; set; }
    public Guid? RejectedBy { get; set; }
    public long Version { get; set; }
}

/// <summary>
/// One row of an imported file that became a case. The key is a hash of the layout and the row's content (plus its
/// occurrence number among identical rows of the same file), so importing the same file again finds every row
/// already there and changes nothing.
/// </summary>
public sealed class ImportedRecord
{
    public required string Key { get; set; }
    public Guid CaseId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid BatchId { get; set; }
    public required string Layout { get; set; }
    public DateTime ImportedAt { get; set; }
    /// <summary>The source gave no year (CTDC rows may lack yearOfRegistration): the case counts under "year unknown".</summary>
    public bool YearUnknown { get; set; }
}

public static class StatisticsModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        _ = db;
        b.Entity<PersonLink>(e =>
        {
            e.HasIndex(l => l.PersonAId);
            e.HasIndex(l => l.PersonBId);
            e.HasIndex(l => new { l.PersonAId, l.PersonBId }).IsUnique();
            e.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonAId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Person>().WithMany().HasForeignKey(l => l.PersonBId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<ImportedRecord>(e =>
        {
            e.HasKey(r => r.Key);
            e.Property(r => r.Key).HasMaxLength(80);
            e.Property(r => r.Layout).HasMaxLength(20);
            e.HasIndex(r => r.CaseId);
            e.HasIndex(r => r.BatchId);
            e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
