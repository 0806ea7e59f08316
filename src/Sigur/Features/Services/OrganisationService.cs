using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Services;

/// <summary>
/// Start here for the service directory: what an organisation offers victims (a shelter's accommodation, an NGO's
/// counselling, a clinic's care), for whom, where, in which languages, when and how to reach it. Every signed-in user
/// searches it when deciding where to refer; each organisation keeps its own entries, administrators any. It holds
/// no case data and no shelter address: a service's contact is the organisation's public one.
/// </summary>
public sealed class OrganisationService : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public ServiceType Type { get; set; }
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    /// <summary>ISO 639-1 codes of the languages the service is given in (with or without an interpreter).</summary>
    public List<string> Languages { get; set; } = [];
    public bool ServesFemale { get; set; } = true;
    public bool ServesMale { get; set; } = true;
    public bool ServesAdults { get; set; } = true;
    public bool ServesChildren { get; set; }
    public string OpeningHours { get; set; } = "";
    public string Contact { get; set; } = "";
    /// <summary>How many people it can take at once, where that is meaningful; null when it is not.</summary>
    public int? Capacity { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTime UpdatedAt { get; set; }
    public long Version { get; set; }
}

public static class ServiceModel
{
    public static DbSet<OrganisationService> OrganisationServices(this SigurDb db) => db.Set<OrganisationService>();

    public static void Configure(SigurDb db, ModelBuilder b) => b.Entity<OrganisationService>(e =>
    {
        e.ToTable("organisation_services");
        e.HasIndex(s => new { s.Type, s.Region });
        e.HasIndex(s => s.OrganisationId);
        e.HasOne<Organisation>().WithMany().HasForeignKey(s => s.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        e.Property(s => s.Name).HasMaxLength(200);
        e.Property(s => s.Region).HasMaxLength(100);
        e.Property(s => s.OpeningHours).HasMaxLength(200);
        e.Property(s => s.Contact).HasMaxLength(300);
        e.KeptAlsoBy(Role.Administrator);
    });
    // No organisation filter: the directory is public to every signed-in user; SigurDb's write rule keeps writes to
    // the entry's organisation and administrators.
}

/// <summary>A directory entry as the API and the pages show it.</summary>
public sealed record ServiceView(Guid Id, Guid OrganisationId, string OrganisationName, ServiceType Type, string Name, string Region,
    IReadOnlyList<string> Languages, bool ServesFemale, bool ServesMale, bool ServesAdults, bool ServesChildren, string OpeningHours,
    string Contact, int? Capacity, bool IsActive, long Version)
{
    public static ServiceView From(OrganisationService s, string organisationName) => new(s.Id, s.OrganisationId, organisationName, s.Type, s.Name,
        s.Region, s.Languages, s.ServesFemale, s.ServesMale, s.ServesAdults, s.ServesChildren, s.OpeningHours, s.Contact, s.Capacity, s.IsActive, s.Version);
}
