using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Work;

/// <summary>A task written by a person on a case their organisation holds: what to do, by when, and for whom (nobody named: the case's responsible worker).</summary>
public static class WriteTask
{
    public const string Policy = Policies.CaseWrite;
    public const int TitleMax = 500;

    public sealed record Request(string Title, DateOnly DueOn, Guid? AssigneeUserId = null);

    public static async Task<Results<Created<TaskView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var c = await db.Held<Case>().AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.Id, x.Reference, x.OrganisationId }).SingleOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > TitleMax) errors["title"] = ["Say what to do, at most 500 characters."];
        if (request.DueOn < today.AddYears(-1) || request.DueOn > today.AddYears(2)) errors["dueOn"] = ["A date within a year back and two years ahead."];
        if (request.AssigneeUserId is { } a && await WorkTeam.CheckAsync(db, c.OrganisationId, [a], ct) is { } wrong) errors["assigneeUserId"] = [wrong];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var task = new CaseTask
        {
            OrganisationId = c.OrganisationId, CaseId = c.Id, CaseReference = c.Reference, Kind = CaseTaskKind.Manual, Title = request.Title.Trim(),
            AssigneeUserId = request.AssigneeUserId, DueOn = request.DueOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            CreatedAt = clock.GetUtcNow().UtcDateTime, CreatedBy = user.UserId,
        };
        db.CaseTasks().Add(task);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/tasks/{task.Id}", TaskView.From(task, today));
    }
}

public sealed record TaskView(Guid Id, Guid CaseId, string CaseReference, CaseTaskKind Kind, string Title, Guid? AssigneeUserId, DateOnly DueOn,
    CaseTaskStatus Status, bool Overdue, bool CreatedBySigur, DateTime CreatedAt, DateTime? EndedAt, long Version)
{
    public static TaskView From(CaseTask t, DateOnly today) => new(t.Id, t.CaseId, t.CaseReference, t.Kind, t.Title, t.AssigneeUserId, DateOnly.FromDateTime(t.DueOn),
        t.Status, t.IsOpen && DateOnly.FromDateTime(t.DueOn) < today, t.SourceKey is not null, t.CreatedAt, t.EndedAt, t.Version);
}
