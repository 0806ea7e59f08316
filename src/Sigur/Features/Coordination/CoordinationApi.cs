namespace Sigur.Features.Coordination;

/// <summary>The REST routes of the coordination workspace (start reading at Body.cs).</summary>
public static class CoordinationApi
{
    public static RouteGroupBuilder MapCoordinationApi(this RouteGroupBuilder api)
    {
        var coordination = api.MapGroup("/coordination").WithTags("Coordination");
        var bodies = coordination.MapGroup("/bodies");
        bodies.MapGet("/", ManageBodies.List).RequireAuthorization(ManageBodies.ReadPolicy).WithSummary("Bodies the institution convenes or sits in");
        bodies.MapPost("/", ManageBodies.Create).RequireAuthorization(ManageBodies.Policy).WithSummary("Convene a body (one's organisation is its secretariat)");
        bodies.MapGet("/{id:guid}", ManageBodies.Get).RequireAuthorization(ManageBodies.ReadPolicy).WithSummary("A body and its members");
        bodies.MapPost("/{id:guid}/members", ManageBodies.AddMember).RequireAuthorization(ManageBodies.Policy).WithSummary("Seat an institution's member (convener)");
        bodies.MapGet("/{id:guid}/meetings", ScheduleMeetings.List).RequireAuthorization(ScheduleMeetings.ReadPolicy).WithSummary("A body's meetings");
        bodies.MapPost("/{id:guid}/meetings", ScheduleMeetings.Handle).RequireAuthorization(ScheduleMeetings.Policy)
            .WithSummary("Schedule a meeting, or a series by an RFC 5545 recurrence rule (convener)");
        bodies.MapGet("/{id:guid}/calendar", MeetingCalendar.OfBody).RequireAuthorization(MeetingCalendar.Policy)
            .WithSummary("The body's meetings as an iCalendar feed (text/calendar)");
        var meetings = coordination.MapGroup("/meetings");
        meetings.MapGet("/{id:guid}", RecordSitting.Get).RequireAuthorization(RecordSitting.ReadPolicy).WithSummary("A meeting: agenda, attendance, minutes, decisions");
        meetings.MapPut("/{id:guid}", RecordSitting.Handle).RequireAuthorization(RecordSitting.Policy).WithSummary("Record a sitting: status, agenda, attendance, minutes (convener)");
        meetings.MapGet("/{id:guid}/calendar", MeetingCalendar.OfMeeting).RequireAuthorization(MeetingCalendar.Policy)
            .WithSummary("The meeting as an iCalendar file (text/calendar)");
        meetings.MapPost("/{id:guid}/decisions", RecordDecision.Handle).RequireAuthorization(RecordDecision.Policy)
            .WithSummary("Record a decision with its owning institution and deadline (convener); the owner is notified");
        var decisions = coordination.MapGroup("/decisions");
        decisions.MapGet("/", RecordDecision.List).RequireAuthorization(RecordDecision.FollowUpPolicy).WithSummary("Decisions the institution owns or whose bodies it sits in");
        decisions.MapPost("/{id:guid}/follow-up", RecordDecision.FollowUp).RequireAuthorization(RecordDecision.FollowUpPolicy)
            .WithSummary("Report a decision's follow-up (owning institution or convener)");
        var plans = coordination.MapGroup("/action-plans");
        plans.MapGet("/", ManageActionPlan.List).RequireAuthorization(ManageActionPlan.ReadPolicy).WithSummary("The national action plans");
        plans.MapPost("/", ManageActionPlan.Create).RequireAuthorization(ManageActionPlan.Policy).WithSummary("Start an action plan (its keeper is one's organisation)");
        plans.MapGet("/{id:guid}", ManageActionPlan.Get).RequireAuthorization(ManageActionPlan.ReadPolicy)
            .WithSummary("A plan: objectives, activities with their latest progress, reporting periods, reports and the scorecard of who reported");
        plans.MapPost("/{id:guid}/objectives", ManageActionPlan.AddObjective).RequireAuthorization(ManageActionPlan.Policy).WithSummary("Add an objective (keeper)");
        plans.MapPost("/{id:guid}/activities", ManageActionPlan.AddActivity).RequireAuthorization(ManageActionPlan.Policy)
            .WithSummary("Add an activity with its responsible institution, partners, deadline, budget and indicator (keeper)");
        plans.MapPost("/{id:guid}/periods", ManageActionPlan.AddPeriod).RequireAuthorization(ManageActionPlan.Policy).WithSummary("Open a reporting period (keeper)");
        plans.MapPost("/{id:guid}/periods/{periodId:guid}/lock", ManageActionPlan.Lock).RequireAuthorization(ManageActionPlan.Policy)
            .WithSummary("Lock a reporting period: its reports become final (keeper)");
        coordination.MapPost("/activities/{id:guid}/progress", ReportProgress.Handle).RequireAuthorization(ReportProgress.Policy)
            .WithSummary("Report the progress of one's own activity for an open period (responsible institution)");
        return api;
    }
}
