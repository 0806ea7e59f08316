namespace Sigur.Features.Coordination;

/// <summary>The REST routes of the coordination workspace (start reading at Body.cs).</summary>
public static class CoordinationApi
{
    public static RouteGroupBuilder MapCoordinationApi(this RouteGroupBuilder api)
    {
        var coordination = api.MapGroup("/coordination").WithTags("Coordination");
        var bodies = coordination.MapGroup("/bodies");
        bodies.MapGet("/", ManageBodies.List).WithSummary("Bodies the institution convenes or sits in");
        bodies.MapPost("/", ManageBodies.Create).WithSummary("Convene a body (one's organisation is its secretariat)");
        bodies.MapGet("/{id:guid}", ManageBodies.Get).WithSummary("A body and its members");
        bodies.MapPost("/{id:guid}/members", ManageBodies.AddMember).WithSummary("Seat an institution's member (convener)");
        bodies.MapGet("/{id:guid}/meetings", ScheduleMeetings.List).WithSummary("A body's meetings");
        bodies.MapPost("/{id:guid}/meetings", ScheduleMeetings.Handle)
            .WithSummary("Schedule a meeting, or a series by an RFC 5545 recurrence rule (convener)");
        bodies.MapGet("/{id:guid}/calendar", MeetingCalendar.OfBody)
            .WithSummary("The body's meetings as an iCalendar feed (text/calendar)");
        var meetings = coordination.MapGroup("/meetings");
        meetings.MapGet("/{id:guid}", RecordSitting.Get).WithSummary("A meeting: agenda, attendance, minutes, decisions");
        meetings.MapPut("/{id:guid}", RecordSitting.Handle).WithSummary("Record a sitting: status, agenda, attendance, minutes (convener)");
        meetings.MapGet("/{id:guid}/calendar", MeetingCalendar.OfMeeting)
            .WithSummary("The meeting as an iCalendar file (text/calendar)");
        meetings.MapPost("/{id:guid}/decisions", RecordDecision.Handle)
            .WithSummary("Record a decision with its owning institution and deadline (convener); the owner is notified");
        var decisions = coordination.MapGroup("/decisions");
        decisions.MapGet("/", RecordDecision.List).WithSummary("Decisions the institution owns or whose bodies it sits in");
        decisions.MapPost("/{id:guid}/follow-up", RecordDecision.FollowUp)
            .WithSummary("Report a decision's follow-up (owning institution or convener)");
        var plans = coordination.MapGroup("/action-plans");
        plans.MapGet("/", ManageActionPlan.List).WithSummary("The national action plans");
        plans.MapPost("/", ManageActionPlan.Create).WithSummary("Start an action plan (its keeper is one's organisation)");
        plans.MapGet("/{id:guid}", ManageActionPlan.Get)
            .WithSummary("A plan: objectives, activities with their latest progress, reporting periods, reports and the scorecard of who reported");
        plans.MapPost("/{id:guid}/objectives", ManageActionPlan.AddObjective).WithSummary("Add an objective (keeper)");
        plans.MapPost("/{id:guid}/activities", ManageActionPlan.AddActivity)
            .WithSummary("Add an activity with its responsible institution, partners, deadline, budget and indicator (keeper)");
        plans.MapPost("/{id:guid}/periods", ManageActionPlan.AddPeriod).WithSummary("Open a reporting period (keeper)");
        plans.MapPost("/{id:guid}/periods/{periodId:guid}/lock", ManageActionPlan.Lock)
            .WithSummary("Lock a reporting period: its reports become final (keeper)");
        coordination.MapPost("/activities/{id:guid}/progress", ReportProgress.Handle)
            .WithSummary("Report the progress of one's own activity for an open period (responsible institution)");
        return api;
    }
}
