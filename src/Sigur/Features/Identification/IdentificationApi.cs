using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>
/// Start here for identification (PRODUCT.md §1): the REST routes. Screenings, decisions, clocks and child-protection
/// records hang on a case and share its need-to-know scope; <see cref="GetIdentification"/> reads them all at once.
/// </summary>
public static class IdentificationApi
{
    public static IServiceCollection AddIdentification(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<IdentificationRules>(config, "Identification");
        services.AddHostedService<ClockReminderService>();
        return services;
    }

    public static RouteGroupBuilder MapIdentificationApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{caseId:guid}").WithTags("Identification");
        cases.MapGet("/identification", GetIdentification.Handle)
            .WithSummary("Identification status, decisions, screenings, legal clocks and the child-protection record of a case");
        cases.MapPost("/screenings", RecordScreening.Handle)
            .WithSummary("Record a screening against an indicator checklist (it informs, never decides)");
        cases.MapPost("/identification/decisions", DecideIdentification.Handle)
            .WithSummary("Decide: potential → presumed → identified, or not a victim (409 on an illegal move)");
        cases.MapPost("/identification/decisions/{decisionId:guid}/review", ReviewDecision.Handle)
            .WithSummary("Review or appeal the decision that set the current status: upheld or reversed");
        cases.MapPost("/recovery-period", StartRecoveryPeriod.Handle)
            .WithSummary("Open the recovery and reflection period (at least 30 days, CETS 197 art. 13)");
        cases.MapPost("/residence-permits", RecordResidencePermit.Handle)
            .WithSummary("Record a temporary residence permit of a foreign victim (3–12 months)");
        cases.MapPost("/plan-reviews", SchedulePlanReview.Handle)
            .WithSummary("Schedule a review of the assistance plan");
        cases.MapPut("/child-protection", RecordChildProtection.Handle)
            .WithSummary("Guardian, best-interests assessment and determination, the child's views, child-specific safeguards");
        cases.MapPost("/age-assessment", AssessAge.Handle)
            .WithSummary("Record an age assessment (the presumption of minority holds until one finds an adult)");

        var clocks = api.MapGroup("/clocks").WithTags("Identification");
        clocks.MapGet("/due", DueClocks.Handle)
            .WithSummary("Deadlines overdue or due within a week: scope=mine (default) or organisation");
        clocks.MapPost("/{id:guid}/extend", ChangeClock.Extend)
            .WithSummary("Extend a recovery period or reschedule a plan review");
        clocks.MapPost("/{id:guid}/renewal-request", ChangeClock.RequestRenewal)
            .WithSummary("Record that a residence permit's renewal was requested");
        clocks.MapPost("/{id:guid}/renewal-decision", ChangeClock.DecideRenewal)
            .WithSummary("Record the decision on a residence permit's renewal");
        clocks.MapPost("/{id:guid}/complete", ChangeClock.Complete)
            .WithSummary("Stop a clock: the deadline was met or no longer applies");

        var checklists = api.MapGroup("/identification/checklists").WithTags("Identification");
        checklists.MapGet("/", ManageChecklists.List)
            .WithSummary("The current indicator checklists (adult, child; by form of exploitation)");
        checklists.MapGet("/{id}", ManageChecklists.Get)
            .WithSummary("A checklist with its indicators and translations (?version= for an older one)");
        checklists.MapGet("/{id}/versions", ManageChecklists.History)
            .WithSummary("The versions of a checklist, newest first, with when and by whom each was published");
        checklists.MapPut("/{id}", ManageChecklists.Publish)
            .WithSummary("Publish the next version of a checklist");
        return api;
    }
}
