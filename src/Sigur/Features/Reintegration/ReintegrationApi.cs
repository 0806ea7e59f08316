using Sigur.Platform;

namespace Sigur.Features.Reintegration;

/// <summary>The REST routes of reintegration and voluntary return (start reading at Reintegration.cs).</summary>
public static class ReintegrationApi
{
    public static RouteGroupBuilder MapReintegrationApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{caseId:guid}").WithTags("Reintegration and return");
        cases.MapGet("/reintegration", GetReintegration.Handle).RequireAuthorization(GetReintegration.Policy)
            .WithSummary("The case's reintegration follow-ups and voluntary returns (holding organisation only)");
        cases.MapPost("/reintegration", FollowReintegration.Begin).RequireAuthorization(FollowReintegration.Policy).WithSummary("Start a reintegration follow-up");
        cases.MapPost("/returns", PlanReturn.Handle).RequireAuthorization(PlanReturn.Policy)
            .WithSummary("Plan a voluntary return with its risk assessment and travel and reception arrangements");

        var followUps = api.MapGroup("/reintegration/{id:guid}").WithTags("Reintegration and return");
        followUps.MapPost("/contacts", FollowReintegration.RecordContact).RequireAuthorization(FollowReintegration.Policy)
            .WithSummary("A follow-up contact: housing, work, education, health, risk");
        followUps.MapPost("/closure", FollowReintegration.Close).RequireAuthorization(FollowReintegration.Policy).WithSummary("Close the follow-up with an outcome");

        var returns = api.MapGroup("/returns/{id:guid}").WithTags("Reintegration and return");
        returns.MapPost("/departure", PlanReturn.Depart).RequireAuthorization(PlanReturn.Policy).WithSummary("Record the departure");
        returns.MapPost("/cancellation", PlanReturn.Cancel).RequireAuthorization(PlanReturn.Policy).WithSummary("Cancel a planned return");
        returns.MapPost("/follow-ups", PlanReturn.FollowUp).RequireAuthorization(PlanReturn.Policy).WithSummary("A follow-up contact after the return");
        return api;
    }
}
