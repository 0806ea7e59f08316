using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Coordination;

/// <summary>
/// Schedules a sitting of a body, or a series of sittings by a recurrence rule (<see cref="MeetingTimes"/>), each with
/// the same first agenda; lists a body's meetings.
/// </summary>
public static class ScheduleMeetings
{
    public const string Policy = Policies.CoordinationManage;
    public const string ReadPolicy = Policies.Coordination;

    /// <param name="Time">Wall-clock time in <paramref name="TimeZone"/> (Europe/Skopje when none).</param>
    /// <param name="RecurrenceRule">An RFC 5545 RRULE, for example FREQ=MONTHLY;BYDAY=-1TH; none: one sitting.</param>
    public sealed record Request(string Title, DateOnly Date, TimeOnly Time, int DurationMinutes, string? TimeZone = null, string? Location = null,
        string? RecurrenceRule = null, IReadOnlyList<string>? Agenda = null);

    public sealed record MeetingSummary(Guid Id, Guid BodyId, string Title, DateTime StartsAt, DateTime LocalStart, int DurationMinutes, string TimeZone,
        string Location, Guid? SeriesId, string RecurrenceRule, MeetingStatus Status, long Version)
    {
        public static MeetingSummary From(Meeting m) => new(m.Id, m.BodyId, m.Title, DateTime.SpecifyKind(m.StartsAt, DateTimeKind.Utc),
            MeetingTimes.Local(m.StartsAt, m.TimeZone), m.DurationMinutes, m.TimeZone, m.Location, m.SeriesId, m.RecurrenceRule, m.Status, m.Version);
    }

    public static async Task<Results<Created<List<MeetingSummary>>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CancellationToken ct)
    {
        var body = await db.Held<Body>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (body is null) return Problems.NotFound();
        var zone = string.IsNullOrWhiteSpace(request.TimeZone) ? MeetingTimes.DefaultTimeZone : request.TimeZone.Trim();
        var rule = request.RecurrenceRule?.Trim() ?? "";
        var agenda = (request.Agenda ?? []).Select(a => a.Trim()).Where(a => a.Length > 0).ToList();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 200) errors["title"] = ["Required, at most 200 characters."];
        if (request.Date == default) errors["date"] = ["Required."];
        if (request.DurationMinutes is < 15 or > 24 * 60) errors["durationMinutes"] = ["Between 15 minutes and a day."];
        if (!MeetingTimes.IsTimeZone(zone)) errors["timeZone"] = ["A time zone of the IANA database, for example Europe/Skopje."];
        if ((request.Location?.Length ?? 0) > 200) errors["location"] = ["At most 200 characters."];
        if (rule.Length > 0 && MeetingTimes.Check(rule) is { } why) errors["recurrenceRule"] = [why];
        if (agenda.Count > 50 || agenda.Any(a => a.Length > 300)) errors["agenda"] = ["At most 50 items of at most 300 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var starts = MeetingTimes.Sittings(request.Date.ToDateTime(request.Time), zone, rule);
        var series = rule.Length > 0 ? Guid.CreateVersion7() : (Guid?)null;
        var meetings = starts.Select(start =>
        {
            var m = new Meeting
            {
                BodyId = body.Id, OrganisationId = body.OrganisationId, Title = request.Title.Trim(), StartsAt = start, DurationMinutes = request.DurationMinutes,
                TimeZone = zone, Location = request.Location?.Trim() ?? "", SeriesId = series, RecurrenceRule = rule,
            };
            m.Agenda.AddRange(agenda.Select((title, i) => new AgendaItem { MeetingId = m.Id, Position = i + 1, Title = title }));
            return m;
        }).ToList();
        db.AddRange(meetings);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/coordination/meetings/{meetings[0].Id}", meetings.ConvertAll(MeetingSummary.From));
    }

    [Policy(ReadPolicy)]
    public static async Task<Results<Ok<List<MeetingSummary>>, ProblemHttpResult>> List(Guid id, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        if (!await CoordinationAccess.Bodies(db, user).AnyAsync(b => b.Id == id, ct)) return Problems.NotFound();
        var meetings = await db.Set<Meeting>().AsNoTracking().Where(m => m.BodyId == id).OrderBy(m => m.StartsAt).Take(1000).ToListAsync(ct);
        return TypedResults.Ok(meetings.ConvertAll(MeetingSummary.From));
    }
}
