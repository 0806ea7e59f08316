using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>The victim's compensation claim: what was claimed, what the court awarded, what has been paid so far.</summary>
public static class RecordCompensation
{
    public const string Policy = Policies.Justice;

    public sealed record Request(long Version, string Currency, long ClaimedMinor, DateOnly ClaimedOn, Guid? SuspectId = null, long? AwardedMinor = null, long PaidMinor = 0);

    public sealed record Update(long Version, long? AwardedMinor, long PaidMinor);

    public sealed record Response(Guid Id, Guid ProceedingId, long Version);

    private static Dictionary<string, string[]> Check(long claimed, long? awarded, long paid)
    {
        var errors = new Dictionary<string, string[]>();
        if (claimed < 0) errors["claimedMinor"] = ["Not negative."];
        if (awarded is < 0) errors["awardedMinor"] = ["Not negative."];
        if (paid < 0) errors["paidMinor"] = ["Not negative."];
        if (paid > 0 && awarded is { } a && paid > a) errors["paidMinor"] = ["More paid than awarded."];
        return errors;
    }

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(Guid id, Request request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = Check(request.ClaimedMinor, request.AwardedMinor, request.PaidMinor);
        if (!Money.IsCurrency(request.Currency)) errors["currency"] = ["An ISO 4217 code such as RSD, MKD or EUR."];
        if (request.ClaimedOn > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) errors["claimedOn"] = ["Not in the future."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var p = await db.Set<Proceeding>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Problems.NotFound();
        if (p.Version != request.Version) return Problems.Conflict();
        if (request.SuspectId is { } s && !await db.Set<Charge>().AnyAsync(c => c.ProceedingId == id && c.SuspectId == s, ct))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["suspectId"] = ["Not a defendant in these proceedings."] });
        var claim = new CompensationClaim
        {
            ProceedingId = p.Id, CaseId = p.CaseId, OrganisationId = p.OrganisationId, SuspectId = request.SuspectId, Currency = request.Currency,
            ClaimedMinor = request.ClaimedMinor, AwardedMinor = request.AwardedMinor, PaidMinor = request.PaidMinor, ClaimedOn = Dates.Utc(request.ClaimedOn),
        };
        db.Add(claim);
        if (!await ProceedingVersion.SaveAsync(db, p, request.Version, ct)) return Problems.Conflict();
        return TypedResults.Created($"/api/v1/proceedings/{p.Id}", new Response(claim.Id, p.Id, p.Version));
    }

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Settle(Guid id, Guid claimId, Update request, SigurDb db, CancellationToken ct)
    {
        var p = await db.Set<Proceeding>().SingleOrDefaultAsync(x => x.Id == id, ct);
        var claim = p is null ? null : await db.Set<CompensationClaim>().SingleOrDefaultAsync(c => c.Id == claimId && c.ProceedingId == id, ct);
        if (p is null || claim is null) return Problems.NotFound();
        if (p.Version != request.Version) return Problems.Conflict();
        var errors = Check(claim.ClaimedMinor, request.AwardedMinor, request.PaidMinor);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        claim.AwardedMinor = request.AwardedMinor;
        claim.PaidMinor = request.PaidMinor;
        if (!await ProceedingVersion.SaveAsync(db, p, request.Version, ct)) return Problems.Conflict();
        return TypedResults.Ok(new Response(claim.Id, id, p.Version));
    }
}
