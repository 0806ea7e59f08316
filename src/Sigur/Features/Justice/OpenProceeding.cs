using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>Opens criminal proceedings on a case: with the police investigation, a criminal complaint, or at the prosecutor's.</summary>
public static class OpenProceeding
{
    public const string Policy = Policies.Justice;

    public sealed record Request(string Country, ProceedingStage Stage, DateOnly Date, string? Reference = null);

    public sealed record Response(Guid Id, ProceedingStage Stage, long Version);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, OffenceCatalogue catalogue, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (!Proceeding.Starts.Contains(request.Stage)) errors["stage"] = ["Proceedings start with the police investigation, a criminal complaint or the prosecution."];
        if (request.Date > DateOnly.FromDateTime(now) || request.Date.Year < 1990) errors["date"] = ["Between 1990 and today."];
        if ((request.Reference?.Length ?? 0) > 100) errors["reference"] = ["At most 100 characters."];
        if (request.Country is null || !(await catalogue.EffectiveAsync(db, ct)).Any(e => e.Document.Country == request.Country))
            errors["country"] = ["A country with an offence catalogue (RS, MK…)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.Id, x.OrganisationId }).SingleOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound();
        var p = Proceeding.Open(c.Id, c.OrganisationId, request.Country!, request.Stage, Dates.Utc(request.Date), request.Reference, user.UserId, now);
        db.Add(p);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/proceedings/{p.Id}", new Response(p.Id, p.Stage, p.Version));
    }
}

internal static class Dates
{
    public static DateTime Utc(DateOnly date) => date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    public static DateOnly Day(DateTime date) => DateOnly.FromDateTime(date);
}
