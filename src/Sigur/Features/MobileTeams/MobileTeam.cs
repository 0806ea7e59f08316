using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.MobileTeams;

/// <summary>
/// Start here for mobile identification teams: outreach teams of social workers, police and NGO staff that visit
/// places where victims may be met (border crossings, bus stations, farms, bars). A team is set up by one
/// organisation, its coordinator (usually the national coordinator's office), with members from several
/// organisations. The coordinating organisation and the members' organisations see the team, record its field
/// visits and read its reports; nobody else does (404). A visit holds counts and indicator codes, and links to the
/// cases it led to by case reference only: no names, no descriptions of the persons met.
/// </summary>
public sealed class MobileTeam : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The coordinating organisation.</summary>
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public string Region { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<MobileTeamMember> Members { get; set; } = [];
    public long Version { get; set; }
}

/// <summary>A member of staff of a team: their organisation and function; the name is the staff member's, never a victim's.</summary>
public sealed class MobileTeamMember
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TeamId { get; set; }
    public Guid OrganisationId { get; set; }
    /// <summary>The member's user account, where they have one (then the name and organisation are the account's).</summary>
    public Guid? UserId { get; set; }
    public string Name { get; set; } = "";
    public string Function { get; set; } = "";
}

/// <summary>One field visit: when, where, who of the team went, how many persons were met, what was observed, what came of it.</summary>
public sealed class FieldVisit : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid TeamId { get; set; }
    /// <summary>The organisation of the user who recorded the visit.</summary>
    public Guid OrganisationId { get; set; }
    public DateTime VisitedOn { get; set; }
    public string Region { get; set; } = "";
    /// <summary>The place visited. Encrypted: outreach sites can point to where victims are held.</summary>
    [Sensitive(FieldGroups.Location)] public string Place { get; set; } = "";
    public List<Guid> MemberIds { get; set; } = [];
    public int PersonsMet { get; set; }
    /// <summary>Indicator codes observed (those of the identification checklists, for example "confiscated-documents").</summary>
    public List<string> Indicators { get; set; } = [];
    public int Identifications { get; set; }
    public int Referrals { get; set; }
    /// <summary>The cases opened or referred from the visit, by reference only.</summary>
    public List<string> CaseReferences { get; set; } = [];
    public DateTime RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
}

public static class MobileTeamModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<MobileTeam>(e =>
        {
            e.ToTable("mobile_teams");
            e.HasIndex(t => t.OrganisationId);
            e.Property(t => t.Name).HasMaxLength(200);
            e.Property(t => t.Region).HasMaxLength(100);
            e.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<MobileTeamMember>(e =>
        {
            e.ToTable("mobile_team_members");
            e.HasIndex(m => new { m.OrganisationId, m.TeamId });
            e.Property(m => m.Name).HasMaxLength(200);
            e.Property(m => m.Function).HasMaxLength(100);
        });
        b.Entity<FieldVisit>(e =>
        {
            e.ToTable("field_visits");
            e.HasIndex(v => new { v.TeamId, v.VisitedOn });
            e.Property(v => v.Region).HasMaxLength(100);
            e.HasOne<MobileTeam>().WithMany().HasForeignKey(v => v.TeamId).OnDelete(DeleteBehavior.Restrict);
        });
        // Teams and visits are shared by several organisations, so their scope is the team's membership, applied by
        // MobileTeamAccess in every use case rather than by a single-organisation query filter.
    }
}

/// <summary>Which teams the signed-in user's organisation sees: those it coordinates and those it has a member in.</summary>
public static class MobileTeamAccess
{
    public static IQueryable<MobileTeam> Visible(SigurDb db, CurrentUser user)
    {
        var org = user.OrganisationId ?? Guid.Empty;
        return db.Set<MobileTeam>().Where(t => t.OrganisationId == org || t.Members.Any(m => m.OrganisationId == org));
    }
}
