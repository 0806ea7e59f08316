using System.Net;
using Sigur.Features.Coordination;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// The access matrix rows of the coordination workspace: a body (and its meetings and decisions) convened by the
/// record's organisation, with that organisation in its only seat; the other organisation's body is out of sight (404).
/// </summary>
public sealed partial class AccessMatrixTests
{
    private static Task<(Body Body, Meeting Meeting, Decision Decision)> FreshBody(World w, Record r) => w.App.WithDbAsync(async db =>
    {
        var org = OrgOf(w, r).Id;
        var body = new Body { OrganisationId = org, Name = "Matrix commission", Kind = BodyKind.Commission, CreatedAt = DateTime.UtcNow };
        body.Members.Add(new BodyMember { BodyId = body.Id, InstitutionId = org, Person = "Matrix member", Role = MemberRole.Member, TermStart = Today });
        var meeting = new Meeting { BodyId = body.Id, OrganisationId = org, Title = "Matrix meeting", StartsAt = DateTime.UtcNow.Date.AddDays(7).AddHours(8), DurationMinutes = 60 };
        var decision = new Decision { MeetingId = meeting.Id, BodyId = body.Id, OrganisationId = org, OwnerInstitutionId = org, Text = "Matrix decision", RecordedAt = DateTime.UtcNow };
        db.AddRange(body, meeting, decision);
        await db.SaveChangesAsync();
        return (body, meeting, decision);
    });

    private static Row[] CoordinationRows =>
    [
        new("GET", "/api/v1/coordination/bodies/", Policies.Coordination, (w, r, c) => c.GetAsync("/api/v1/coordination/bodies"), HttpStatusCode.OK),
        new("POST", "/api/v1/coordination/bodies/", Policies.CoordinationManage, (w, r, c) => c.PostJsonAsync("/api/v1/coordination/bodies",
            new ManageBodies.Request("Matrix working group", BodyKind.WorkingGroup)), HttpStatusCode.Created),
        new("GET", "/api/v1/coordination/bodies/{id:guid}", Policies.Coordination, async (w, r, c) => await c.GetAsync($"/api/v1/coordination/bodies/{(await FreshBody(w, r)).Body.Id}"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/coordination/bodies/{id:guid}/members", Policies.CoordinationManage, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/coordination/bodies/{(await FreshBody(w, r)).Body.Id}/members",
                new ManageBodies.MemberInput(w.Other.Id, "Matrix delegate", MemberRole.Observer, null, Today, null)), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/coordination/bodies/{id:guid}/meetings", Policies.Coordination, async (w, r, c) =>
            await c.GetAsync($"/api/v1/coordination/bodies/{(await FreshBody(w, r)).Body.Id}/meetings"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/coordination/bodies/{id:guid}/meetings", Policies.CoordinationManage, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/coordination/bodies/{(await FreshBody(w, r)).Body.Id}/meetings",
                new ScheduleMeetings.Request("Matrix meeting", Today.AddDays(10), new TimeOnly(10, 0), 60, null, null, "FREQ=MONTHLY;BYDAY=-1TH;COUNT=2")),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/coordination/bodies/{id:guid}/calendar", Policies.Coordination, async (w, r, c) =>
            await c.GetAsync($"/api/v1/coordination/bodies/{(await FreshBody(w, r)).Body.Id}/calendar"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/coordination/meetings/{id:guid}", Policies.Coordination, async (w, r, c) =>
            await c.GetAsync($"/api/v1/coordination/meetings/{(await FreshBody(w, r)).Meeting.Id}"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("PUT", "/api/v1/coordination/meetings/{id:guid}", Policies.CoordinationManage, async (w, r, c) =>
            await c.PutJsonAsync($"/api/v1/coordination/meetings/{(await FreshBody(w, r)).Meeting.Id}", new RecordSitting.Request(0, MeetingStatus.Held, "Matrix minutes")),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/coordination/meetings/{id:guid}/calendar", Policies.Coordination, async (w, r, c) =>
            await c.GetAsync($"/api/v1/coordination/meetings/{(await FreshBody(w, r)).Meeting.Id}/calendar"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/coordination/meetings/{id:guid}/decisions", Policies.CoordinationManage, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/coordination/meetings/{(await FreshBody(w, r)).Meeting.Id}/decisions", new RecordDecision.Request("Matrix decision", w.Own.Id, Today.AddDays(30))),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/coordination/decisions/", Policies.Coordination, (w, r, c) => c.GetAsync("/api/v1/coordination/decisions"), HttpStatusCode.OK),
        new("POST", "/api/v1/coordination/decisions/{id:guid}/follow-up", Policies.Coordination, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/coordination/decisions/{(await FreshBody(w, r)).Decision.Id}/follow-up", new RecordDecision.FollowUpRequest(0, FollowUpStatus.InProgress, "Matrix")),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
    ];
}
