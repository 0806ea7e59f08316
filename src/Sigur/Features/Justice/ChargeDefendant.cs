using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>
/// Charges a defendant by article and paragraph of the catalogue in force, or changes a charge's qualification
/// (<see cref="Request.Replaces"/>): the old charge stays, marked superseded, so the history of qualifications is kept.
/// </summary>
public static class ChargeDefendant
{
    public const string Policy = Policies.Justice;

    public sealed record Request(long Version, Guid SuspectId, string Article, string Paragraph, DateOnly Date, string? Edition = null, string? Reason = null, Guid? Replaces = null);

    public sealed record Response(Guid Id, Guid ProceedingId, long Version);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, OffenceCatalogue catalogue, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if ((request.Reason?.Length ?? 0) > 2000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["At most 2000 characters."] });
        if (request.Date > DateOnly.FromDateTime(now) || request.Date.Year < 1990) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = ["Between 1990 and today."] });
        var p = await GetProceeding.LoadAsync(db, id, ct);
        if (p is null) return Problems.NotFound();
        if (p.Version != request.Version) return Problems.Conflict();
        if (!await db.Set<Suspect>().AnyAsync(s => s.Id == request.SuspectId, ct))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["suspectId"] = ["No such suspect in your organisation."] });
        // The edition named, or the one of the country in force on the charge date's offence (the editor gives it for old cases).
        var edition = request.Edition is { } named
            ? await catalogue.FindAsync(db, p.Country, named, ct)
            : await catalogue.InForceAsync(db, p.Country, request.Date, ct);
        if (edition is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["edition"] = ["No such edition of the catalogue of the proceedings' country."] });
        if (edition.Document.Find(request.Article, request.Paragraph) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["article"] = ["This article and paragraph are not in the catalogue edition in force."] });

        var charge = p.Charge(request.SuspectId, edition.Document.Edition, request.Article, request.Paragraph, Dates.Utc(request.Date), request.Reason, now);
        if (request.Replaces is { } replaced && p.Requalify(replaced, charge, now) is { } refused)
            return refused.Problem("Change of qualification refused");
        db.Add(charge);
        if (!await ProceedingVersion.SaveAsync(db, p, request.Version, ct)) return Problems.Conflict();
        return TypedResults.Created($"/api/v1/proceedings/{p.Id}", new Response(charge.Id, p.Id, p.Version));
    }
}
