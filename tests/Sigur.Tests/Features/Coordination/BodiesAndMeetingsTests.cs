using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Coordination;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Coordination;

public sealed class BodiesAndMeetingsTests : IClassFixture<AppPool>
{
    private sealed record Fixture(Organisation Office, Organisation Ministry, Organisation Stranger, HttpClient Secretariat, HttpClient Member, HttpClient Outsider,
        ManageBodies.BodyView Body, ManageBodies.MemberView Seat);

    private static async Task<Fixture> ConveneAsync(TestApp app)
    {
        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var ministry = await app.NewOrganisationAsync(OrganisationType.Police);
        var stranger = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var secretariat = await app.ClientAsync(Role.Secretariat, office.Id);
        var created = await secretariat.PostJsonAsync("/api/v1/coordination/bodies", new ManageBodies.Request("Advisory Body", BodyKind.AdvisoryBody));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadAsync<ManageBodies.BodyView>();
        var seated = await secretariat.PostJsonAsync($"/api/v1/coordination/bodies/{body.Id}/members",
            new ManageBodies.MemberInput(ministry.Id, "Head of the anti-trafficking unit", MemberRole.Member, "Deputy head", new DateOnly(2027, 1, 1), new DateOnly(2030, 12, 31)));
        Assert.Equal(HttpStatusCode.Created, seated.StatusCode);
        return new Fixture(office, ministry, stranger, secretariat, await app.ClientAsync(Role.BodyMember, ministry.Id), await app.ClientAsync(Role.BodyMember, stranger.Id),
            body, await seated.ReadAsync<ManageBodies.MemberView>());
    }

    [Theory, BothProviders]
    public async Task The_secretariat_schedules_the_last_week_of_each_month_and_the_member_sees_it_at_the_same_wall_clock_time_across_DST(TestApp app)
    {
        var f = await ConveneAsync(app);
        var scheduled = await f.Secretariat.PostJsonAsync($"/api/v1/coordination/bodies/{f.Body.Id}/meetings", new ScheduleMeetings.Request(
            "Monthly meeting", new DateOnly(2027, 2, 25), new TimeOnly(10, 0), 120, "Europe/Skopje", "Government building", "FREQ=MONTHLY;BYDAY=-1TH;COUNT=3",
            ["Adoption of the minutes", "Action plan progress"]));
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var series = await scheduled.ReadAsync<List<ScheduleMeetings.MeetingSummary>>();
        Assert.Single(series.Select(m => m.SeriesId).Distinct());

        var seen = await (await f.Member.GetAsync($"/api/v1/coordination/bodies/{f.Body.Id}/meetings")).ReadAsync<List<ScheduleMeetings.MeetingSummary>>();
        Assert.Equal([new DateTime(2027, 2, 25, 9, 0, 0), new DateTime(2027, 3, 25, 9, 0, 0), new DateTime(2027, 4, 29, 8, 0, 0)], seen.Select(m => m.StartsAt.ToUniversalTime()));
        Assert.All(seen, m => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(m.LocalStart)));
        Assert.Contains(await (await f.Member.GetAsync("/api/v1/coordination/bodies")).ReadAsync<List<ManageBodies.BodyView>>(), b => b.Id == f.Body.Id);

        // Nobody outside the body learns of it.
        Assert.DoesNotContain(await (await f.Outsider.GetAsync("/api/v1/coordination/bodies")).ReadAsync<List<ManageBodies.BodyView>>(), b => b.Id == f.Body.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Outsider.GetAsync($"/api/v1/coordination/bodies/{f.Body.Id}/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Outsider.GetAsync($"/api/v1/coordination/meetings/{seen[0].Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Outsider.GetAsync($"/api/v1/coordination/bodies/{f.Body.Id}/calendar")).StatusCode);
        // A member sees the body but does not schedule its meetings (the policy), nor does a secretariat that does not convene it (404).
        Assert.Equal(HttpStatusCode.Forbidden, (await f.Member.PostJsonAsync($"/api/v1/coordination/bodies/{f.Body.Id}/meetings",
            new ScheduleMeetings.Request("x", new DateOnly(2027, 5, 1), new TimeOnly(9, 0), 60))).StatusCode);
        var otherSecretariat = await app.ClientAsync(Role.Secretariat, f.Stranger.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await otherSecretariat.PostJsonAsync($"/api/v1/coordination/bodies/{f.Body.Id}/meetings",
            new ScheduleMeetings.Request("x", new DateOnly(2027, 5, 1), new TimeOnly(9, 0), 60))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task The_calendars_are_iCalendar_with_one_event_per_sitting_in_its_time_zone(TestApp app)
    {
        var f = await ConveneAsync(app);
        var series = await (await f.Secretariat.PostJsonAsync($"/api/v1/coordination/bodies/{f.Body.Id}/meetings", new ScheduleMeetings.Request(
            "Monthly meeting", new DateOnly(2027, 3, 25), new TimeOnly(10, 0), 90, null, null, "FREQ=MONTHLY;BYDAY=-1TH;COUNT=2", ["Progress"])))
            .ReadAsync<List<ScheduleMeetings.MeetingSummary>>();

        var feed = await f.Member.GetAsync($"/api/v1/coordination/bodies/{f.Body.Id}/calendar");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = Ical.Net.Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Equal(series.Select(m => $"{m.Id}@sigur").Order(), calendar.Events.Select(e => e.Uid!).Order());
        Assert.Single(calendar.TimeZones, z => z.TzId == "Europe/Skopje");
        Assert.All(calendar.Events, e => Assert.Equal("Europe/Skopje", e.DtStart!.TzId));
        Assert.Equal([new DateTime(2027, 3, 25, 9, 0, 0, DateTimeKind.Utc), new DateTime(2027, 4, 29, 8, 0, 0, DateTimeKind.Utc)],
            calendar.Events.Select(e => e.DtStart!.AsUtc).Order());
        Assert.All(calendar.Events, e => Assert.Equal(TimeSpan.FromMinutes(90), e.DtEnd!.AsUtc - e.DtStart!.AsUtc));

        var one = await f.Secretariat.GetAsync($"/api/v1/coordination/meetings/{series[1].Id}/calendar");
        var single = Ical.Net.Calendar.Load(await one.Content.ReadAsStringAsync())!;
        var e = Assert.Single(single.Events);
        Assert.Equal(("Monthly meeting", "1. Progress"), (e.Summary, e.Description));
    }

    [Theory, BothProviders]
    public async Task A_decision_tells_its_owner_who_reports_its_follow_up_and_a_stale_version_is_a_conflict(TestApp app)
    {
        var f = await ConveneAsync(app);
        var meeting = (await (await f.Secretariat.PostJsonAsync($"/api/v1/coordination/bodies/{f.Body.Id}/meetings",
            new ScheduleMeetings.Request("Extraordinary meeting", new DateOnly(2027, 5, 12), new TimeOnly(11, 0), 60))).ReadAsync<List<ScheduleMeetings.MeetingSummary>>())[0];
        var recorded = await f.Secretariat.PutJsonAsync($"/api/v1/coordination/meetings/{meeting.Id}", new RecordSitting.Request(meeting.Version, MeetingStatus.Held,
            "The Commission reviewed the draft plan.", [new("Draft action plan", "Secretariat")], [new(f.Seat.Id, AttendanceKind.Deputy)]));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        // The same edit from the version read before is refused, and changes nothing.
        Assert.Equal(HttpStatusCode.Conflict, (await f.Secretariat.PutJsonAsync($"/api/v1/coordination/meetings/{meeting.Id}",
            new RecordSitting.Request(meeting.Version, MeetingStatus.Cancelled))).StatusCode);

        var decided = await f.Secretariat.PostJsonAsync($"/api/v1/coordination/meetings/{meeting.Id}/decisions",
            new RecordDecision.Request("Prepare the standard operating procedures for child victims.", f.Ministry.Id, new DateOnly(2027, 6, 30)));
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        var decision = await decided.ReadAsync<RecordDecision.DecisionView>();
        var told = await app.WithDbAsync(db => db.Notifications().IgnoreQueryFilters().Where(n => n.OrganisationId == f.Ministry.Id).ToListAsync());
        var notification = Assert.Single(told);
        Assert.Equal((RecordDecision.AssignedKind, "2027-06-30", $"/Coordination/Meeting/{meeting.Id}"), (notification.Kind, notification.Arguments, notification.Link));

        var view = await (await f.Member.GetAsync($"/api/v1/coordination/meetings/{meeting.Id}")).ReadAsync<RecordSitting.MeetingView>();
        Assert.Equal((MeetingStatus.Held, AttendanceKind.Deputy, "Draft action plan"), (view.Meeting.Status, Assert.Single(view.Attendance).Kind, Assert.Single(view.Agenda).Title));
        Assert.Equal(decision.Id, Assert.Single(view.Decisions).Id);

        // A member of the body outside the owning institution sees the decision but cannot report on it.
        var seat2 = await app.NewOrganisationAsync(OrganisationType.Ngo);
        await f.Secretariat.PostJsonAsync($"/api/v1/coordination/bodies/{f.Body.Id}/members",
            new ManageBodies.MemberInput(seat2.Id, "NGO representative", MemberRole.Observer, null, new DateOnly(2027, 1, 1), null));
        var ngo = await app.ClientAsync(Role.BodyMember, seat2.Id);
        Assert.Contains(await (await ngo.GetAsync("/api/v1/coordination/decisions")).ReadAsync<List<RecordDecision.DecisionView>>(), d => d.Id == decision.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await ngo.PostJsonAsync($"/api/v1/coordination/decisions/{decision.Id}/follow-up",
            new RecordDecision.FollowUpRequest(decision.Version, FollowUpStatus.Done, "x"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Outsider.PostJsonAsync($"/api/v1/coordination/decisions/{decision.Id}/follow-up",
            new RecordDecision.FollowUpRequest(decision.Version, FollowUpStatus.Done, "x"))).StatusCode);

        var followed = await f.Member.PostJsonAsync($"/api/v1/coordination/decisions/{decision.Id}/follow-up",
            new RecordDecision.FollowUpRequest(decision.Version, FollowUpStatus.InProgress, "Working group formed."));
        Assert.Equal(HttpStatusCode.OK, followed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await f.Member.PostJsonAsync($"/api/v1/coordination/decisions/{decision.Id}/follow-up",
            new RecordDecision.FollowUpRequest(decision.Version, FollowUpStatus.Dropped, null))).StatusCode);
        var stored = await app.WithDbAsync(db => db.Set<Decision>().IgnoreQueryFilters().SingleAsync(d => d.Id == decision.Id));
        Assert.Equal((FollowUpStatus.InProgress, "Working group formed."), (stored.Status, stored.FollowUp));
    }

    [Theory, BothProviders]
    public async Task Bad_schedules_are_refused_field_by_field_and_store_nothing(TestApp app)
    {
        var f = await ConveneAsync(app);
        var refused = await f.Secretariat.PostJsonAsync($"/api/v1/coordination/bodies/{f.Body.Id}/meetings", new ScheduleMeetings.Request(
            "", new DateOnly(2027, 5, 1), new TimeOnly(9, 0), 5, "Mars/Olympus", null, "FREQ=MINUTELY"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var errors = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["durationMinutes", "recurrenceRule", "timeZone", "title"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Meeting>().CountAsync(m => m.BodyId == f.Body.Id)));
    }
}
