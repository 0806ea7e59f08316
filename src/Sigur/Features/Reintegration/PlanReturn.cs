using Sigur.Features.Cases;
using Sigur.Platform.Access;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;
using static Sigur.Features.Reintegration.ReintegrationSupport;

namespace Sigur.Features.Reintegration;

/// <summary>
/// A voluntary return: planned only with its risk assessment (the re-trafficking risk, the family situation, the
/// services at destination) and the travel and reception arrangements; then the departure (or a cancellation), and
/// follow-up contacts after the person has returned. A high re-trafficking risk needs the services at destination
/// written down: nobody is sent back into danger unprepared.
/// </summary>
public static partial class PlanReturn
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(string DestinationCountry, RiskLevel RetraffickingRisk, string RiskAssessment, string FamilySituation, string ServicesAtDestination,
        string TravelArrangements, string ReceptionArrangements, DateOnly PlannedDeparture);
    public sealed record Departure(long Version, DateOnly DepartedOn);
    public sealed record Cancellation(long Version);

    public static async Task<Results<Created<ReturnView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Held<Case>().AnyAsync(c => c.Id == caseId, ct)) return Problems.NotFound();
        var today = Today(clock);
        var errors = new Dictionary<string, string[]>();
        if (request.DestinationCountry is null || !CountryCode().IsMatch(request.DestinationCountry)) errors["destinationCountry"] = ["An ISO 3166 two-letter country code."];
        if (!Enum.IsDefined(request.RetraffickingRisk)) errors["retraffickingRisk"] = ["A known risk level."];
        CheckText(errors, "riskAssessment", request.RiskAssessment, required: true);
        CheckText(errors, "familySituation", request.FamilySituation, required: true);
        CheckText(errors, "servicesAtDestination", request.ServicesAtDestination, required: request.RetraffickingRisk == RiskLevel.High);
        CheckText(errors, "travelArrangements", request.TravelArrangements, required: true);
        CheckText(errors, "receptionArrangements", request.ReceptionArrangements, required: true);
        if (request.PlannedDeparture < today || request.PlannedDeparture > today.AddYears(1)) errors["plannedDeparture"] = ["A date from today to a year ahead."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.Set<VoluntaryReturn>().AnyAsync(r => r.CaseId == caseId && r.Status == ReturnStatus.Planned, ct))
            return new Refusal("The case already has a planned return.").Problem();
        var r = new VoluntaryReturn
        {
            CaseId = caseId, OrganisationId = user.OrganisationId!.Value, DestinationCountry = request.DestinationCountry!, RetraffickingRisk = request.RetraffickingRisk,
            RiskAssessment = request.RiskAssessment.Trim(), FamilySituation = request.FamilySituation.Trim(), ServicesAtDestination = request.ServicesAtDestination?.Trim() ?? "",
            TravelArrangements = request.TravelArrangements.Trim(), ReceptionArrangements = request.ReceptionArrangements.Trim(),
            PlannedDeparture = Day(request.PlannedDeparture), AssessedAt = clock.GetUtcNow().UtcDateTime, AssessedBy = user.UserId!.Value,
        };
        db.Add(r);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Refusal("The case already has a planned return.").Problem(); // a parallel request won the race: the unique index kept one
        }
        return TypedResults.Created($"/api/v1/cases/{caseId}/reintegration", ReturnView.From(r, []));
    }

    public static Task<Results<Ok<ReturnView>, ValidationProblem, ProblemHttpResult>> Depart(
        Guid id, Departure request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckPast(errors, "departedOn", request.DepartedOn, Today(clock));
        return ChangeAsync(id, request.Version, errors, r => r.Depart(request.DepartedOn), db, user, ct);
    }

    public static Task<Results<Ok<ReturnView>, ValidationProblem, ProblemHttpResult>> Cancel(
        Guid id, Cancellation request, SigurDb db, CurrentUser user, CancellationToken ct) =>
        ChangeAsync(id, request.Version, [], r => r.Cancel(), db, user, ct);

    /// <summary>A follow-up contact after the person has returned.</summary>
    public static async Task<Results<Created<ContactView>, ValidationProblem, ProblemHttpResult>> FollowUp(
        Guid id, FollowReintegration.Contact request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var r = await db.Held<VoluntaryReturn>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return Problems.NotFound();
        var errors = FollowReintegration.CheckContact(request, Today(clock));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (r.Status != ReturnStatus.Returned) return new Refusal("A return is followed up after the departure.").Problem();
        if (Day(request.ContactOn) < r.DepartedOn) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["contactOn"] = ["On or after the departure."] });
        return await FollowReintegration.AddContact(db, user, r.Id, r.CaseId, request, ct);
    }

    private static async Task<Results<Ok<ReturnView>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, long version, Dictionary<string, string[]> errors, Func<VoluntaryReturn, Refusal?> change, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var r = await db.Held<VoluntaryReturn>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (r is null) return Problems.NotFound();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        db.Entry(r).Property(x => x.Version).OriginalValue = version;
        r.Version = version;
        if (change(r) is { } refusal) return refusal.Problem();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(ReturnView.From(r, []));
    }

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex CountryCode();
}
