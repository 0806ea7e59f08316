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
/// One row of an imported file that became a case. The key is a keyed hash (HMAC) of the layout and the row's content
/// (plus its occurrence number among identical rows of the same file), so importing the same file again finds every
/// row already there and changes nothing, and the key reveals nothing of the names and birth dates a row may hold.
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

/// <summary>
/// One published figure of a reference series (UNODC's GLOTIP data): not Sigur's own count, but what an official
/// publication says, with its source, so the national data can be shown beside it. A figure published as "&lt;5" is kept
/// as suppressed (no value, with the bound), never guessed. The key is a hash of the figure's labels and occurrence, so
/// a new release of the same series replaces values and importing the same file again changes nothing.
/// </summary>
public sealed class ReferenceFigure
{
    public required string Key { get; set; }
    /// <summary>The layout it came in (GLOTIP).</summary>
    public required string Series { get; set; }
    /// <summary>ISO 3166-1 alpha-3, as the series gives it.</summary>
    public required string CountryCode { get; set; }
    public string CountryName { get; set; } = "";
    public required string Indicator { get; set; }
    public required string Dimension { get; set; }
    public required string Category { get; set; }
    public required string Sex { get; set; }
    public required string Age { get; set; }
    public int Year { get; set; }
    public string UnitOfMeasurement { get; set; } = "";
    /// <summary>
    /// 1, 2, … among the figures of one file with the same labels: GLOTIP lists several figures under one label (the
    /// sub-forms of "Other forms of exploitation"), all published, none named apart.
    /// </summary>
    public int Occurrence { get; set; } = 1;
    /// <summary>The figure; null when the publisher withheld it.</summary>
    public int? Value { get; set; }
    /// <summary>For a withheld figure, the bound it was published under ("&lt;5" → 5).</summary>
    public int? SuppressedBelow { get; set; }
    public bool Suppressed => Value is null;
    /// <summary>The source the series names for this figure, and the file it was loaded from.</summary>
    public required string Source { get; set; }
    public string File { get; set; } = "";
    public DateTime ImportedAt { get; set; }
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
        b.Entity<ReferenceFigure>(e =>
        {
            e.HasKey(f => f.Key);
            e.Property(f => f.Key).HasMaxLength(80);
            e.Property(f => f.Series).HasMaxLength(20);
            e.Property(f => f.CountryCode).HasMaxLength(3);
            e.Property(f => f.CountryName).HasMaxLength(100);
            e.Property(f => f.Indicator).HasMaxLength(100);
            e.Property(f => f.Dimension).HasMaxLength(100);
            e.Property(f => f.Category).HasMaxLength(200);
            e.Property(f => f.Sex).HasMaxLength(20);
            e.Property(f => f.Age).HasMaxLength(40);
            e.Property(f => f.UnitOfMeasurement).HasMaxLength(40);
            e.Property(f => f.Source).HasMaxLength(200);
            e.Property(f => f.File).HasMaxLength(200);
            e.Ignore(f => f.Suppressed);
            e.HasIndex(f => new { f.CountryCode, f.Year });
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
