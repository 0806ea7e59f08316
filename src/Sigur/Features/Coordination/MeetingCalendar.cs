using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Coordination;

/// <summary>
/// Meetings as iCalendar (RFC 5545, written by Ical.Net): one file per meeting, and a feed per body with every
/// sitting. Each sitting is an event of its own (its UID is the meeting's id, so a calendar that imports the feed
/// again updates rather than duplicates), in the time zone it was scheduled in, with its agenda as the description.
/// </summary>
public static class MeetingCalendar
{
    public const string Policy = Policies.Coordination;
    public const string ContentType = "text/calendar";

    /// <summary>The calendar as a page's download, or 404 where the reader may not see the meeting or body.</summary>
    public static IActionResult AsDownload(Results<FileContentHttpResult, ProblemHttpResult> calendar) =>
        calendar.Result is FileContentHttpResult file
            ? new FileContentResult(file.FileContents.ToArray(), file.ContentType ?? ContentType) { FileDownloadName = file.FileDownloadName }
            : new NotFoundResult();

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OfMeeting(Guid id, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var meeting = await CoordinationAccess.Meetings(db, user).AsNoTracking().Include(m => m.Agenda).SingleOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) return Problems.NotFound();
        var body = await db.Set<Body>().AsNoTracking().SingleAsync(b => b.Id == meeting.BodyId, ct);
        return TypedResults.File(Write(body, [meeting], clock.GetUtcNow().UtcDateTime), ContentType, $"meeting-{meeting.StartsAt:yyyyMMdd}.ics");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OfBody(Guid id, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var body = await CoordinationAccess.Bodies(db, user).AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (body is null) return Problems.NotFound();
        var meetings = await db.Set<Meeting>().AsNoTracking().Include(m => m.Agenda).Where(m => m.BodyId == id).OrderBy(m => m.StartsAt).Take(1000).ToListAsync(ct);
        return TypedResults.File(Write(body, meetings, clock.GetUtcNow().UtcDateTime), ContentType, "body.ics");
    }

    public static byte[] Write(Body body, IReadOnlyList<Meeting> meetings, DateTime now)
    {
        var calendar = new Ical.Net.Calendar { ProductId = "-//Sigur//Coordination//EN" };
        calendar.AddProperty("X-WR-CALNAME", body.Name);
        foreach (var zone in meetings.Select(m => m.TimeZone).Distinct()) calendar.AddTimeZone(zone);
        foreach (var m in meetings)
        {
            var start = new CalDateTime(DateTime.SpecifyKind(MeetingTimes.Local(m.StartsAt, m.TimeZone), DateTimeKind.Unspecified), m.TimeZone);
            var e = new CalendarEvent
            {
                Uid = $"{m.Id}@sigur",
                Summary = m.Title,
                DtStart = start,
                DtEnd = start.AddMinutes(m.DurationMinutes),
                Location = m.Location.Length == 0 ? null : m.Location,
                Description = m.Agenda.Count == 0 ? null : string.Join("\n", m.Agenda.OrderBy(a => a.Position).Select(a => $"{a.Position}. {a.Title}")),
                Status = m.Status == MeetingStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
                Sequence = (int)Math.Min(m.Version, int.MaxValue),
                DtStamp = new CalDateTime(DateTime.SpecifyKind(now, DateTimeKind.Utc)),
            };
            calendar.Events.Add(e);
        }
        return Encoding.UTF8.GetBytes(new CalendarSerializer().SerializeToString(calendar) ?? "");
    }
}
