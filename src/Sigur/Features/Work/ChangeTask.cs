using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Work;

/// <summary>
/// A task is done or cancelled by anyone of its organisation who writes cases, and given to someone else by a
/// supervisor. Each request carries the version read (409 when someone changed the task in between).
/// </summary>
public static class ChangeTask
{
    public const string Policy = Policies.CaseWrite;
    public const string ReassignPolicy = Policies.Supervise;

    public sealed record Step(long Version);
    public sealed record Reassignment(long Version, Guid? AssigneeUserId);

    public static Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Done(Guid id, Step request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        ApplyAsync(id, request.Version, t => t.End(CaseTaskStatus.Done, user.UserId, clock.GetUtcNow().UtcDateTime), db, clock, ct);

    public static Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Cancel(Guid id, Step request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        ApplyAsync(id, request.Version, t => t.End(CaseTaskStatus.Cancelled, user.UserId, clock.GetUtcNow().UtcDateTime), db, clock, ct);

    [Policy(ReassignPolicy)]
    public static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> Reassign(
        Guid id, Reassignment request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (request.AssigneeUserId is { } a && await WorkTeam.CheckAsync(db, user.OrganisationId ?? Guid.Empty, [a], ct) is { } wrong)
        {
            // Checked after the task is found, so that a task out of reach answers 404 whatever the body says.
            if (!await db.Held<CaseTask>().AnyAsync(t => t.Id == id, ct)) return Problems.NotFound();
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["assigneeUserId"] = [wrong] });
        }
        return await ApplyAsync(id, request.Version, t => t.Reassign(request.AssigneeUserId), db, clock, ct);
    }

    private static async Task<Results<Ok<TaskView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Guid id, long version, Func<CaseTask, Refusal?> change, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var task = await db.Held<CaseTask>().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return Problems.NotFound();
        db.Entry(task).Property(t => t.Version).OriginalValue = version;
        task.Version = version;
        if (change(task) is { } refusal) return refusal.Problem();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(TaskView.From(task, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }
}
