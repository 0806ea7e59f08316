using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using static Sigur.Features.Identification.IdentificationSupport;
using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>
/// Records an age assessment, the only thing that ends the presumption of minority: a person of unknown age who may be
/// a child is treated as a child until an assessment finds them adult. An inconclusive assessment keeps the presumption
/// (the benefit of the doubt).
/// </summary>
public static class AssessAge
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(DateOnly AssessedOn, AgeAssessmentOutcome Outcome, string AssessedBy, int? EstimatedAge = null, string? Notes = null);

    public sealed record Response(bool IsChild, long PersonVersion);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var c = await CaseAsync(db, caseId, ct);
        if (c?.Person is null) return NotFound();
        var today = Today(clock);
        var errors = new Dictionary<string, string[]>();
        CheckDay(errors, "assessedOn", request.AssessedOn, today);
        if (!Enum.IsDefined(request.Outcome)) errors["outcome"] = ["Child, Adult or Inconclusive."];
        CheckText(errors, "assessedBy", request.AssessedBy, NameMax, required: true);
        CheckText(errors, "notes", request.Notes, TextMax);
        if (request.Outcome == AgeAssessmentOutcome.Adult && request.EstimatedAge is not (>= 18 and <= 120))
            errors["estimatedAge"] = ["An assessment that finds an adult gives the estimated age (18 or more)."];
        if (request.Outcome == AgeAssessmentOutcome.Child && request.EstimatedAge is not (null or (>= 0 and < 18)))
            errors["estimatedAge"] = ["An assessment that finds a child gives an age under 18, if any."];
        var recordedAge = c.Person.AgeOn(today);
        if (request.Outcome == AgeAssessmentOutcome.Adult && recordedAge is < 18)
            errors["outcome"] = ["The recorded date of birth makes the person a child; correct it on the case first."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var record = await db.ChildProtections().SingleOrDefaultAsync(p => p.CaseId == c.Id, ct);
        if (record is null)
        {
            record = new ChildProtection { CaseId = c.Id, OrganisationId = c.OrganisationId };
            db.ChildProtections().Add(record);
        }
        record.AgeAssessedOn = LegalClock.Day(request.AssessedOn);
        record.AgeAssessment = request.Outcome;
        record.AgeAssessedBy = request.AssessedBy.Trim();
        record.AgeAssessmentNotes = request.Notes ?? "";

        var p = c.Person;
        switch (request.Outcome)
        {
            case AgeAssessmentOutcome.Adult:
                p.PossiblyChild = false;
                p.EstimatedAge = request.EstimatedAge;
                break;
            case AgeAssessmentOutcome.Child:
                p.PossiblyChild = true;
                if (request.EstimatedAge is { } age) p.EstimatedAge = age;
                break;
            default:
                p.PossiblyChild = true;
                break;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Platform.Web.Problems.Conflict();
        }
        return TypedResults.Ok(new Response(p.IsChild(today), p.Version));
    }
}
