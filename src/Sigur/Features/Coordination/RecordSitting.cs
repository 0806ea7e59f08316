using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Coordination;

/// <summary>Shows a sitting (agenda, attendance, minutes, decisions) and records what happened at it.</summary>
public static class RecordSitting
{
    public const string Policy = Policies.CoordinationManage;
    public const string ReadPolicy = Policies.Coordination;

    public sealed record AgendaInput(string Title, string? Presenter = null);
    public sealed record AttendanceInput(Guid MemberId, AttendanceKind Kind);
    /// <summary>Agenda and attendance, when given, replace what was recorded before.</summary>
    public sealed record Request(long Version, MeetingStatus Status, string? Minutes = null, IReadOnlyList<AgendaInput>? Agenda = null,
        IReadOnlyList<AttendanceInput>? Attendance = null);

    public sealed record AgendaView(int Position, string Title, string Presenter);
    public sealed record AttendanceView(Guid MemberId, AttendanceKind Kind);
    public sealed record MeetingView(ScheduleMeetings.MeetingSummary Meeting, string BodyName, IReadOnlyList<AgendaView> Agenda,
        IReadOnlyList<AttendanceView> Attendance, string Minutes, IReadOnlyList<RecordDecision.DecisionView> Decisions);

    [Policy(ReadPolicy)]
    public static async Task<Results<Ok<MeetingView>, ProblemHttpResult>> Get(Guid id, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var meeting = await CoordinationAccess.Meetings(db, user).AsNoTracking().Include(m => m.Agenda).Include(m => m.Attendance).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) return Problems.NotFound();
        var body = await db.Set<Body>().AsNoTracking().Where(b => b.Id == meeting.BodyId).Select(b => b.Name).SingleAsync(ct);
        var decisions = await db.Set<Decision>().AsNoTracking().Where(d => d.MeetingId == id).OrderBy(d => d.RecordedAt).ToListAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(new MeetingView(ScheduleMeetings.MeetingSummary.From(meeting), body,
            [.. meeting.Agenda.OrderBy(a => a.Position).Select(a => new AgendaView(a.Position, a.Title, a.Presenter))],
            [.. meeting.Attendance.Select(a => new AttendanceView(a.MemberId, a.Kind))], meeting.Minutes,
            decisions.ConvertAll(d => RecordDecision.DecisionView.From(d, today))));
    }

    public static async Task<Results<Ok<ScheduleMeetings.MeetingSummary>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CancellationToken ct)
    {
        var meeting = await db.Held<Meeting>().Include(m => m.Agenda).Include(m => m.Attendance).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.Status)) errors["status"] = ["Unknown meeting status."];
        if ((request.Minutes?.Length ?? 0) > 20_000) errors["minutes"] = ["At most 20,000 characters."];
        if (request.Agenda is { } agenda && (agenda.Count > 50 || agenda.Any(a => string.IsNullOrWhiteSpace(a.Title) || a.Title.Length > 300 || (a.Presenter?.Length ?? 0) > 200)))
            errors["agenda"] = ["At most 50 items, each with a title of at most 300 characters."];
        if (request.Attendance is { } attendance)
        {
            var seats = await db.Set<BodyMember>().Where(m => m.BodyId == meeting.BodyId).Select(m => m.Id).ToListAsync(ct);
            if (attendance.Any(a => !seats.Contains(a.MemberId) || !Enum.IsDefined(a.Kind)) || attendance.DistinctBy(a => a.MemberId).Count() != attendance.Count)
                errors["attendance"] = ["Each seat of the body once, as present, deputy, excused or absent."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (request.Version != meeting.Version) return Problems.Conflict();

        meeting.Status = request.Status;
        if (request.Minutes is not null) meeting.Minutes = request.Minutes.Trim();
        if (request.Agenda is not null)
        {
            db.RemoveRange(meeting.Agenda);
            // Added explicitly: EF takes a child found with its key already set (a client-made Guid) for an existing row.
            meeting.Agenda = [.. request.Agenda.Select((a, i) => new AgendaItem { MeetingId = id, Position = i + 1, Title = a.Title.Trim(), Presenter = a.Presenter?.Trim() ?? "" })];
            db.AddRange(meeting.Agenda);
        }
        if (request.Attendance is not null)
        {
            // Change answers in place: the (meeting, seat) key is unique, so a remove and add of the same seat would collide.
            foreach (var answer in request.Attendance)
            {
                if (meeting.Attendance.FirstOrDefault(a => a.MemberId == answer.MemberId) is { } kept) kept.Kind = answer.Kind;
                else db.Add(new Attendance { MeetingId = id, MemberId = answer.MemberId, Kind = answer.Kind });
            }
            foreach (var dropped in meeting.Attendance.Where(a => request.Attendance.All(x => x.MemberId != a.MemberId)).ToList())
            {
                meeting.Attendance.Remove(dropped);
                db.Remove(dropped);
            }
        }
        // Always a change of the sitting itself (its version moves), even when only its agenda or attendance changed.
        db.Entry(meeting).State = EntityState.Modified;
        db.Entry(meeting).Property(m => m.Version).OriginalValue = request.Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(ScheduleMeetings.MeetingSummary.From(meeting));
    }
}
