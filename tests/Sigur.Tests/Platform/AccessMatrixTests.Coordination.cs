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

    /// <summary>A plan kept by the record's organisation, with one objective, one activity it is responsible for, and one open period.</summary>
    private static Task<(ActionPlan Plan, PlanActivity Activity, ReportingPeriod Period)> FreshPlan(World w, Record r) => w.App.WithDbAsync(async db =>
    {
        var org = OrgOf(w, r).Id;
        var plan = new ActionPlan { OrganisationId = org, Title = "Matrix plan", Starts = Today, Ends = Today.AddYears(1) };
        var objective = new Objective { PlanId = plan.Id, Code = "1", Title = "Matrix objective" };
        var activity = new PlanActivity { PlanId = plan.Id, ObjectiveId = objective.Id, OrganisationId = org, Code = "1.1", Title = "Matrix activity", ResponsibleInstitutionId = org, Deadline = Today };
        var period = new ReportingPeriod { PlanId = plan.Id, Name = "Matrix period", Starts = Today, Ends = Today.AddMonths(6) };
        plan.Objectives.Add(objective);
        plan.Periods.Add(period);
        db.AddRange(plan, activity);
        await db.SaveChangesAsync();
        return (plan, activity, period);
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
        // The action plan: every workspace user reads it; its keeper changes it; the responsible institution reports its own activity.
        new("GET", "/api/v1/coordination/action-plans/", Policies.Coordination, (w, r, c) => c.GetAsync("/api/v1/coordination/action-plans"), HttpStatusCode.OK),
        new("POST", "/api/v1/coordination/action-plans/", Policies.CoordinationManage, (w, r, c) => c.PostJsonAsync("/api/v1/coordination/action-plans",
            new ManageActionPlan.PlanRequest("Matrix plan", Today, Today.AddYears(2))), HttpStatusCode.Created),
        new("GET", "/api/v1/coordination/action-plans/{id:guid}", Policies.Coordination, async (w, r, c) =>
            await c.GetAsync($"/api/v1/coordination/action-plans/{(await FreshPlan(w, r)).Plan.Id}"), HttpStatusCode.OK),
        new("POST", "/api/v1/coordination/action-plans/{id:guid}/objectives", Policies.CoordinationManage, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/coordination/action-plans/{(await FreshPlan(w, r)).Plan.Id}/objectives", new ManageActionPlan.ObjectiveRequest("2", "Matrix")),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/coordination/action-plans/{id:guid}/activities", Policies.CoordinationManage, async (w, r, c) =>
        {
            var p = await FreshPlan(w, r);
            return await c.PostJsonAsync($"/api/v1/coordination/action-plans/{p.Plan.Id}/activities",
                new ManageActionPlan.ActivityRequest(p.Activity.ObjectiveId, "1.2", "Matrix", w.Own.Id, null, Today));
        }, HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/coordination/action-plans/{id:guid}/periods", Policies.CoordinationManage, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/coordination/action-plans/{(await FreshPlan(w, r)).Plan.Id}/periods", new ManageActionPlan.PeriodRequest("Matrix", Today, Today.AddMonths(3))),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/coordination/action-plans/{id:guid}/periods/{periodId:guid}/lock", Policies.CoordinationManage, async (w, r, c) =>
        {
            var p = await FreshPlan(w, r);
            return await c.PostJsonAsync($"/api/v1/coordination/action-plans/{p.Plan.Id}/periods/{p.Period.Id}/lock", new ManageActionPlan.LockRequest(0));
        }, HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/coordination/activities/{id:guid}/progress", Policies.Coordination, async (w, r, c) =>
        {
            var p = await FreshPlan(w, r);
            return await c.PostJsonAsync($"/api/v1/coordination/activities/{p.Activity.Id}/progress", new ReportProgress.Request(p.Period.Id, ActivityStatus.InProgress, 1, "Matrix"));
        }, HttpStatusCode.Created, HttpStatusCode.NotFound),
    ];
}
