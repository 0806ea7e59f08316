using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>Moves proceedings to their next stage. An illegal move (backwards, past a closed stage) answers 409 with the reason.</summary>
public static class MoveProceeding
{
    public const string Policy = Policies.Justice;

    public sealed record Request(long Version, ProceedingStage Stage, DateOnly Date, string? Reference = null);

    public sealed record Response(Guid Id, ProceedingStage Stage, long Version);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.Stage)) errors["stage"] = ["Unknown stage."];
        if (request.Date > DateOnly.FromDateTime(now) || request.Date.Year < 1990) errors["date"] = ["Between 1990 and today."];
        if ((request.Reference?.Length ?? 0) > 100) errors["reference"] = ["At most 100 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var p = await GetProceeding.LoadAsync(db, id, ct);
        if (p is null) return Problems.NotFound();
        if (p.Version != request.Version) return Problems.Conflict();
        var refused = p.MoveTo(request.Stage, Dates.Utc(request.Date), request.Reference, user.UserId, now);
        if (refused is not null)
            return refused.Problem("Stage change refused");
        db.Add(p.Stages[^1]);
        if (!await ProceedingVersion.SaveAsync(db, p, request.Version, ct)) return Problems.Conflict();
        return TypedResults.Ok(new Response(p.Id, p.Stage, p.Version));
    }
}
