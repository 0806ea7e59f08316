using Sigur.Features.Cases;

namespace Sigur.Features.Work;

/// <summary>Routes of tasks, "My work", the team's caseload and a case's responsibility and closure.</summary>
public static class WorkApi
{
    public static RouteGroupBuilder MapWorkApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases/{caseId:guid}").WithTags("Tasks and caseloads");
        cases.MapGet("/tasks", ListTasks.Handle).WithSummary("The case's tasks for my organisation, and who answers for the case");
        cases.MapPost("/tasks", WriteTask.Handle).WithSummary("Write a task on a case my organisation holds");
        cases.MapPut("/responsibility", AssignResponsibility.Handle)
            .WithSummary("Give the case to a responsible worker and deputies (supervisors)");
        cases.MapGet("/closure", (Guid caseId, Data.SigurDb db, Platform.Audit.Audit audit, CancellationToken ct) => CloseCase.Get(caseId, db, audit, ct))
            .RequireAuthorization(CloseCase.ReadPolicy).WithTags("Cases").WithSummary("What is still open on the case, and its closures and reopenings");
        cases.MapPost("/closure", (Guid caseId, CloseCase.Request request, Data.SigurDb db, Platform.CurrentUser user, TimeProvider clock, Platform.Audit.Audit audit, CancellationToken ct) =>
                CloseCase.Handle(caseId, request, db, user, clock, audit, ct))
            .RequireAuthorization(CloseCase.Policy).WithTags("Cases").WithSummary("Close the case with a reason; what is open must be settled or carried over (409 lists it)");
        cases.MapPost("/reopening", (Guid caseId, ReopenCase.Request request, Data.SigurDb db, Platform.CurrentUser user, TimeProvider clock, Platform.Audit.Audit audit, CancellationToken ct) =>
                ReopenCase.Handle(caseId, request, db, user, clock, audit, ct))
            .RequireAuthorization(ReopenCase.Policy).WithTags("Cases").WithSummary("Reopen a closed case with a reason");

        var tasks = api.MapGroup("/tasks").WithTags("Tasks and caseloads");
        tasks.MapPost("/{id:guid}/done", ChangeTask.Done).WithSummary("Mark a task done");
        tasks.MapPost("/{id:guid}/cancel", ChangeTask.Cancel).WithSummary("Cancel a task");
        tasks.MapPost("/{id:guid}/assignee", ChangeTask.Reassign).WithSummary("Give a task to someone else (supervisors)");

        api.MapGet("/work", MyWork.Handle).WithTags("Tasks and caseloads")
            .WithSummary("My work: my tasks, overdue ones, referrals to answer, approvals waiting");
        api.MapGet("/caseload", Caseload.Handle).WithTags("Tasks and caseloads")
            .WithSummary("The team's caseload (supervisors)");
        return api;
    }

    public static IServiceCollection AddWork(this IServiceCollection services)
    {
        services.AddSingleton<Data.ISaveParticipant, ClosedCaseGuard>();
        services.AddHostedService<DeriveTasksService>();
        return services;
    }
}
