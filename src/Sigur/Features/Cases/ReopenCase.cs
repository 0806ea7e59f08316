using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Cases;

/// <summary>Reopens a closed case with a reason in words (the person came back, new facts): the case is active and writable again.</summary>
public static class ReopenCase
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(long Version, string Reason);

    public static async Task<Results<Ok<CloseCase.State>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, Platform.Audit.Audit audit, CancellationToken ct)
    {
        var c = await db.Held<Case>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Problems.NotFound();
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > CloseCase.NoteMax)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Give a reason, at most 2000 characters."] });
        if (!c.IsClosed) return new Refusal("Only a closed case is reopened.").Problem();
        db.Entry(c).Property(x => x.Version).OriginalValue = request.Version;
        c.Version = request.Version;
        c.Status = CaseStatus.Active;
        db.CaseClosures().Add(new CaseClosure
        {
            CaseId = c.Id, OrganisationId = c.OrganisationId, Step = ClosureStep.Reopened, Note = request.Reason.Trim(),
            At = clock.GetUtcNow().UtcDateTime, By = user.UserId!.Value,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return await CloseCase.Current(c.Id, db, audit, ct);
    }
}
