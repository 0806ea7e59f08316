using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>Edits a suspect's record (optimistic concurrency: 409 on a stale version).</summary>
public static class EditSuspect
{
    public const string Policy = Policies.Justice;

    public sealed record Request(long Version, SuspectInput Suspect);

    public sealed record Response(Guid Id, long Version);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(Guid id, Request request, SigurDb db, CancellationToken ct)
    {
        var errors = SuspectValidation.Check(request.Suspect);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var s = await db.Set<Suspect>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Problems.NotFound();
        db.Entry(s).Property(x => x.Version).OriginalValue = request.Version;
        s.Version = request.Version;
        SuspectValidation.Apply(request.Suspect, s);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(new Response(s.Id, s.Version));
    }
}
