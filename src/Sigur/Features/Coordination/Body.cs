using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Coordination;

/// <summary>
/// Start here for the coordination workspace of the National Commission and its National Coordinator (PRODUCT.md §7):
/// bodies and their members, meetings with their agendas, attendance, minutes and decisions, and their calendars
/// (<see cref="MeetingCalendar"/>). The workspace never shows case data: its users see their institution's own
/// coordination records and aggregates. A body is convened by one organisation (its secretariat's: usually the
/// national coordinator's office), which alone changes it; the institutions that sit in it see it, its meetings and
/// its decisions, and an institution that owns a decision reports its follow-up. Everybody else meets 404.
/// </summary>
public sealed class Body : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The convening organisation (the body's secretariat).</summary>
    public Guid OrganisationId { get; set; }
    public string Name { get; set; } = "";
    public BodyKind Kind { get; set; }
    /// <summary>The body this one reports to (a subgroup to the Commission), if any.</summary>
    public Guid? ParentBodyId { get; set; }
    /// <summary>A local commission's region (a code of Cases.Regions); empty for national bodies.</summary>
    public string Region { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public List<BodyMember> Members { get; set; } = [];
    public long Version { get; set; }
}

public enum BodyKind { Commission, Secretariat, Subgroup, AdvisoryBody, WorkingGroup, LocalCommission }

public enum MemberRole { Chair, ViceChair, Member, Secretary, Observer }

/// <summary>An institution's seat in a body: who holds it (staff, never a victim), their deputy, and the term.</summary>
public sealed class BodyMember
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BodyId { get; set; }
    public Guid InstitutionId { get; set; }
    public string Person { get; set; } = "";
    public MemberRole Role { get; set; }
    public string Deputy { get; set; } = "";
    public DateOnly TermStart { get; set; }
    public DateOnly? TermEnd { get; set; }
}

/// <summary>
/// One sitting of a body. Meetings scheduled with a recurrence rule (RFC 5545 RRULE, evaluated by Ical.Net in the
/// body's time zone) are one row per sitting that share a <see cref="SeriesId"/> and the rule, so that each sitting
/// keeps its own agenda, attendance, minutes and decisions.
/// </summary>
public sealed class Meeting : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid BodyId { get; set; }
    /// <summary>The body's convening organisation: it alone changes the meeting.</summary>
    public Guid OrganisationId { get; set; }
    public string Title { get; set; } = "";
    public DateTime StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    /// <summary>The IANA time zone the meeting was scheduled in (its wall-clock time stays put across DST).</summary>
    public string TimeZone { get; set; } = MeetingTimes.DefaultTimeZone;
    public string Location { get; set; } = "";
    public Guid? SeriesId { get; set; }
    public string RecurrenceRule { get; set; } = "";
    public MeetingStatus Status { get; set; }
    public string Minutes { get; set; } = "";
    public List<AgendaItem> Agenda { get; set; } = [];
    public List<Attendance> Attendance { get; set; } = [];
    public long Version { get; set; }
}

public enum MeetingStatus { Scheduled, Held, Cancelled }

public sealed class AgendaItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MeetingId { get; set; }
    public int Position { get; set; }
    public string Title { get; set; } = "";
    public string Presenter { get; set; } = "";
}

/// <summary>Whether a seat was present at a sitting, and by whom (the member or the deputy).</summary>
public sealed class Attendance
{
    public Guid MeetingId { get; set; }
    public Guid MemberId { get; set; }
    public AttendanceKind Kind { get; set; }
}

public enum AttendanceKind { Present, Deputy, Excused, Absent }

/// <summary>
/// A decision of a sitting: what was decided, which institution owns it, by when, and how far its follow-up has come.
/// The owning institution reports the follow-up; the convening organisation records and changes the decision.
/// </summary>
public sealed class Decision : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MeetingId { get; set; }
    public Guid BodyId { get; set; }
    public Guid OrganisationId { get; set; }
    public string Text { get; set; } = "";
    public Guid OwnerInstitutionId { get; set; }
    public DateOnly? Deadline { get; set; }
    public FollowUpStatus Status { get; set; }
    public string FollowUp { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public long Version { get; set; }
}

public enum FollowUpStatus { Open, InProgress, Done, Dropped }

public static class CoordinationModel
{
    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<Body>(e =>
        {
            e.ToTable("bodies");
            e.HasIndex(x => x.OrganisationId);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Region).HasMaxLength(100);
            
            e.HasOne<Body>().WithMany().HasForeignKey(x => x.ParentBodyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Members).WithOne().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<BodyMember>(e =>
        {
            e.ToTable("body_members");
            e.HasIndex(m => new { m.InstitutionId, m.BodyId });
            e.Property(m => m.Person).HasMaxLength(200);
            e.Property(m => m.Deputy).HasMaxLength(200);
            
            e.HasOne<Organisation>().WithMany().HasForeignKey(m => m.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Meeting>(e =>
        {
            e.ToTable("meetings");
            e.HasIndex(m => new { m.BodyId, m.StartsAt });
            e.Property(m => m.Title).HasMaxLength(200);
            e.Property(m => m.TimeZone).HasMaxLength(64);
            e.Property(m => m.Location).HasMaxLength(200);
            e.Property(m => m.RecurrenceRule).HasMaxLength(300);
            e.Property(m => m.Minutes).HasMaxLength(20_000);
            
            e.HasOne<Body>().WithMany().HasForeignKey(m => m.BodyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(m => m.Agenda).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(m => m.Attendance).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<AgendaItem>(e =>
        {
            e.ToTable("agenda_items");
            e.HasIndex(a => new { a.MeetingId, a.Position });
            e.Property(a => a.Title).HasMaxLength(300);
            e.Property(a => a.Presenter).HasMaxLength(200);
        });
        b.Entity<Attendance>(e =>
        {
            // One answer per seat and sitting, whoever records it and however often.
            e.ToTable("attendance");
            e.HasKey(a => new { a.MeetingId, a.MemberId });
            
            e.HasOne<BodyMember>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Cascade);
        });
        b.Entity<Decision>(e =>
        {
            e.ToTable("decisions");
            e.HasIndex(d => d.MeetingId);
            e.HasIndex(d => new { d.OwnerInstitutionId, d.Status });
            e.Property(d => d.Text).HasMaxLength(2000);
            e.Property(d => d.FollowUp).HasMaxLength(2000);
            
            e.HasOne<Meeting>().WithMany().HasForeignKey(d => d.MeetingId).OnDelete(DeleteBehavior.Restrict);
            // The owning institution reports the follow-up of a decision the convening organisation holds.
            e.ChangedAlsoByCounterpart(nameof(Decision.OwnerInstitutionId));
        });
        ActionPlanModel.Configure(b);
        // Bodies are shared by the institutions that sit in them, so their scope is the membership, applied by
        // CoordinationAccess in every use case rather than by a single-organisation query filter (as for mobile teams).
    }
}

/// <summary>What the signed-in user's institution sees: the bodies it convenes or sits in, and the decisions it owns.</summary>
public static class CoordinationAccess
{
    public static IQueryable<Body> Bodies(SigurDb db, CurrentUser user)
    {
        var org = user.OrganisationId ?? Guid.Empty;
        return db.Set<Body>().Where(b => b.OrganisationId == org || b.Members.Any(m => m.InstitutionId == org));
    }

    public static IQueryable<Meeting> Meetings(SigurDb db, CurrentUser user)
    {
        var bodies = Bodies(db, user).Select(b => b.Id);
        return db.Set<Meeting>().Where(m => bodies.Contains(m.BodyId));
    }

    public static IQueryable<Decision> Decisions(SigurDb db, CurrentUser user)
    {
        var org = user.OrganisationId ?? Guid.Empty;
        var bodies = Bodies(db, user).Select(b => b.Id);
        return db.Set<Decision>().Where(d => d.OwnerInstitutionId == org || bodies.Contains(d.BodyId));
    }
}
