using Sigur.Platform;

namespace Sigur.Features.Reintegration;

/// <summary>The REST routes of reintegration and voluntary return (start reading at Reintegration.cs).</summary>
public static class ReintegrationApi
{
    public static RouteGroupBuilder MapReintegrationApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{caseId:guid}").WithTags("Reintegration and return");
        cases.MapGet("/reintegration", GetReintegration.Handle)
            .WithSummary("The case's reintegration follow-ups and voluntary returns (holding organisation only)");
        cases.MapPost("/reintegration", FollowReintegration.Begin).WithSummary("Start a reintegration follow-up");
        cases.MapPost("/returns", PlanReturn.Handle)
            .WithSummary("Plan a voluntary return with its risk assessment and travel and reception arrangements");

        var followUps = api.MapGroup("/reintegration/{id:guid}").WithTags("Reintegration and return");
        followUps.MapPost("/contacts", FollowReintegration.RecordContact)
            .WithSummary("A follow-up contact: housing, work, education, health, risk");
        followUps.MapPost("/closure", FollowReintegration.Close).WithSummary("Close the follow-up with an outcome");

        var returns = api.MapGroup("/returns/{id:guid}").WithTags("Reintegration and return");
        returns.MapPost("/departure", PlanReturn.Depart).WithSummary("Record the departure");
        returns.MapPost("/cancellation", PlanReturn.Cancel).WithSummary("Cancel a planned return");
        returns.MapPost("/follow-ups", PlanReturn.FollowUp).WithSummary("A follow-up contact after the return");
        return api;
    }
}
