using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;

namespace Sigur.Features.Duplicates;

/// <summary>
/// Two persons of one organisation found to be the same human being, merged: the absorbed person's cases moved to
/// the kept person, the absorbed person marked (never deleted), and a confirmed <see cref="Statistics.PersonLink"/>
/// between them so that links the absorbed person already had keep counting. The record names exactly what moved,
/// so undoing it restores the state before the merge.
/// </summary>
public sealed class PersonMerge : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid KeptPersonId { get; set; }
    public Guid AbsorbedPersonId { get; set; }
    public List<Guid> MovedCaseIds { get; set; } = [];
    public Guid LinkId { get; set; }
    public DateTime MergedAt { get; set; }
    public Guid? MergedBy { get; set; }
    public DateTime? UndoneAt { get; set; }
    public Guid? UndoneBy { get; set; }
    public long Version { get; set; }
}

public static class DuplicatesModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<PersonMerge>(e =>
        {
            e.HasIndex(m => new { m.OrganisationId, m.MergedAt });
            e.HasIndex(m => m.AbsorbedPersonId);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.KeptPersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Person>().WithMany().HasForeignKey(m => m.AbsorbedPersonId).OnDelete(DeleteBehavior.Restrict);
        });
        db.ScopeToOrganisation<PersonMerge>(b);
    }
}
