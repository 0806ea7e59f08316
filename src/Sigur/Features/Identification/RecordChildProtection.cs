using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using static Sigur.Features.Identification.IdentificationSupport;
using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>
/// Records (creates or updates) what a child's case requires: the guardian and the date of appointment, the
/// best-interests assessment and determination, the child's own views and the child-specific safeguards applied. Only
/// for a person who is, or is presumed to be, a child. Version 0 creates; later edits send the version read (409 when stale).
/// </summary>
public static class RecordChildProtection
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(
        long Version,
        string? GuardianName = null, string? GuardianAuthority = null, DateOnly? GuardianAppointedOn = null,
        DateOnly? BestInterestsAssessedOn = null, string? BestInterestsAssessment = null,
        DateOnly? BestInterestsDeterminedOn = null, string? BestInterestsDeterminedBy = null, string? BestInterestsDetermination = null,
        string? ChildViews = null, IReadOnlyList<string>? Safeguards = null, string? ProcedureNotes = null);

    public sealed record Response(Guid Id, long Version);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var c = await CaseAsync(db, caseId, ct);
        if (c?.Person is null) return NotFound();
        var today = Today(clock);
        var errors = new Dictionary<string, string[]>();
        CheckText(errors, "guardianName", request.GuardianName, NameMax);
        CheckText(errors, "guardianAuthority", request.GuardianAuthority, NameMax);
        CheckText(errors, "bestInterestsDeterminedBy", request.BestInterestsDeterminedBy, NameMax);
        foreach (var (field, text) in new[] { ("bestInterestsAssessment", request.BestInterestsAssessment), ("bestInterestsDetermination", request.BestInterestsDetermination),
                     ("childViews", request.ChildViews), ("procedureNotes", request.ProcedureNotes) })
            CheckText(errors, field, text, TextMax);
        foreach (var (field, day) in new[] { ("guardianAppointedOn", request.GuardianAppointedOn), ("bestInterestsAssessedOn", request.BestInterestsAssessedOn),
                     ("bestInterestsDeterminedOn", request.BestInterestsDeterminedOn) })
            if (day is { } d) CheckDay(errors, field, d, today);
        if (request.GuardianAppointedOn is not null && string.IsNullOrWhiteSpace(request.GuardianName))
            errors["guardianName"] = ["Name the guardian appointed."];
        if (request.BestInterestsDeterminedOn is { } det && request.BestInterestsAssessedOn is { } ass && det < ass)
            errors["bestInterestsDeterminedOn"] = ["The determination follows the assessment."];
        if (request.Safeguards?.Any(s => !ChildSafeguards.All.Contains(s)) == true) errors["safeguards"] = ["Use the codes of the child safeguards list."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var record = await db.ChildProtections().SingleOrDefaultAsync(p => p.CaseId == c.Id, ct);
        if (record is null)
        {
            if (!c.Person.IsChild(today))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["person"] = ["The person is not a child, nor presumed to be one."] });
            if (request.Version != 0) return Platform.Web.Problems.Conflict();
            record = new ChildProtection { CaseId = c.Id, OrganisationId = c.OrganisationId };
            db.ChildProtections().Add(record);
        }
        else
        {
            db.Entry(record).Property(x => x.Version).OriginalValue = request.Version;
            record.Version = request.Version;
        }
        record.GuardianName = request.GuardianName?.Trim() ?? "";
        record.GuardianAuthority = request.GuardianAuthority?.Trim() ?? "";
        record.GuardianAppointedOn = Day(request.GuardianAppointedOn);
        record.BestInterestsAssessedOn = Day(request.BestInterestsAssessedOn);
        record.BestInterestsAssessment = request.BestInterestsAssessment ?? "";
        record.BestInterestsDeterminedOn = Day(request.BestInterestsDeterminedOn);
        record.BestInterestsDeterminedBy = request.BestInterestsDeterminedBy?.Trim() ?? "";
        record.BestInterestsDetermination = request.BestInterestsDetermination ?? "";
        record.ChildViews = request.ChildViews ?? "";
        var safeguards = (request.Safeguards ?? []).Distinct().ToList();
        if (!record.Safeguards.SequenceEqual(safeguards)) record.Safeguards = safeguards;
        record.ProcedureNotes = request.ProcedureNotes ?? "";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Platform.Web.Problems.Conflict();
        }
        return TypedResults.Ok(new Response(record.Id, record.Version));
    }

    private static DateTime? Day(DateOnly? d) => d is { } day ? LegalClock.Day(day) : null;
}
