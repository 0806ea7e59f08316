using Sigur.Platform;

namespace Sigur.Features.Assistance;

/// <summary>The REST routes of assistance plans (start reading at AssistancePlan.cs).</summary>
public static class AssistanceApi
{
    public static RouteGroupBuilder MapAssistanceApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{caseId:guid}/assistance-plans").WithTags("Assistance");
        cases.MapGet("/", ListPlans.Handle).WithSummary("The case's assistance plans (holding organisation only)");
        cases.MapPost("/", CreatePlan.Handle).WithSummary("Open a draft plan: needs assessment, goals, first review date");

        var plans = api.MapGroup("/assistance-plans/{id:guid}").WithTags("Assistance");
        plans.MapPut("/", ChangePlan.EditDraft).WithSummary("Edit a draft plan");
        plans.MapPost("/submit", ChangePlan.Submit).WithSummary("Submit a draft for a supervisor's approval");
        plans.MapPost("/decision", ChangePlan.Decide)
            .WithSummary("A supervisor (not the author) approves the plan, scheduling its review, or returns it");
        plans.MapPost("/reviews", ChangePlan.RecordReview).WithSummary("Record a review and the next review date");
        plans.MapPost("/closure", ChangePlan.RequestClosure).WithSummary("Ask to close the plan, with a summary");
        plans.MapPost("/closure/decision", ChangePlan.DecideClosure)
            .WithSummary("A supervisor (not the author, not the one who asked) confirms or refuses the closure");
        plans.MapPost("/services", PlanServices.Plan).WithSummary("Plan a service: type, provider, date");
        plans.MapPost("/services/{serviceId:guid}/delivery", PlanServices.Deliver)
            .WithSummary("Record a service's delivery: date, outcome, cost if any");
        return api;
    }
}
