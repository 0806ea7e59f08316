using Sigur.Platform;

namespace Sigur.Features.MobileTeams;

/// <summary>The REST routes of mobile identification teams (start reading at MobileTeam.cs).</summary>
public static class MobileTeamApi
{
    public static RouteGroupBuilder MapMobileTeamApi(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/mobile-teams").WithTags("Mobile teams");
        teams.MapGet("/", ManageTeams.List).WithSummary("Teams the organisation coordinates or has members in");
        teams.MapPost("/", ManageTeams.Create).WithSummary("Set up a team coordinated by one's organisation");
        teams.MapGet("/{id:guid}", ManageTeams.Get).WithSummary("A team and its members");
        teams.MapPost("/{id:guid}/members", ManageTeams.AddMember).WithSummary("Add a member (coordinating organisation)");
        teams.MapGet("/{id:guid}/visits", RecordFieldVisit.List).WithSummary("The team's field visits");
        teams.MapPost("/{id:guid}/visits", RecordFieldVisit.Handle).WithSummary("Record a field visit");
        teams.MapGet("/{id:guid}/report", TeamReport.Handle).WithSummary("Counts for a period (from, to)");
        return api;
    }
}
