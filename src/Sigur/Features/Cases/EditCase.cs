using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Web;
using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>
/// Edits a case and its person. The client sends the versions it read; if someone saved in between, the edit is
/// refused with 409 and nothing is written, and the page offers to reload.
/// </summary>
public static class EditCase
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(long Version, long PersonVersion, CaseInput Case, PersonInput Person);

    public sealed record Response(Guid Id, long Version, long PersonVersion);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, TimeProvider clock, CancellationToken ct, Statistics.StatisticsSettings? statistics = null)
    {
        var errors = CaseValidation.Check(request.Person, request.Case, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime),
            (statistics ?? new()).ReportingCountry);
        if (request.Case is null) errors["case"] = ["The case is required."];
        if (request.Person is null) errors["person"] = ["The person is required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var c = await db.Cases.Include(x => x.Person).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c?.Person is null) return Problems.NotFound();
        if (request.Case!.IdentificationStatus != c.IdentificationStatus)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["case.identificationStatus"] = ["The identification status changes only by an identification decision (or a review of one)."],
            });

        if (request.Case.Status != c.Status && (c.IsClosed || request.Case.Status is CaseStatus.Closed or CaseStatus.ClosedReferred))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["case.status"] = [CloseCase.ByClosureOnly] });

        // The versions the client read become the original values: EF's UPDATE … WHERE version = @read refuses a stale edit.
        db.Entry(c).Property(x => x.Version).OriginalValue = request.Version;
        db.Entry(c.Person).Property(x => x.Version).OriginalValue = request.PersonVersion;
        c.Version = request.Version;
        c.Person.Version = request.PersonVersion;
        CaseValidation.Apply(request.Case!, c);
        CaseValidation.Apply(request.Person!, c.Person);
        await NameIndex.RefreshAsync(db, c.Person, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(new Response(c.Id, c.Version, c.Person.Version));
    }
}
