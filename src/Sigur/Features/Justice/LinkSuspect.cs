using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Web;
using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>Links a suspect to a case with their role in the trafficking process and their relation to the victim (again: updates the link).</summary>
public static class LinkSuspect
{
    public const string Policy = Policies.Justice;

    public sealed record Request(Guid SuspectId, IReadOnlyList<string>? RolesInProcess = null, RelationToVictim RelationToVictim = RelationToVictim.Unknown);

    public sealed record Response(Guid Id, Guid SuspectId, Guid CaseId);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(Guid caseId, Request request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.RolesInProcess?.FirstOrDefault(r => !JusticeVocabulary.RolesInProcess.Contains(r)) is not null)
            errors["rolesInProcess"] = ["Use the HTCDS per_RoleInProcess codes."];
        if (!Enum.IsDefined(request.RelationToVictim)) errors["relationToVictim"] = ["Unknown relation."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.Id, x.OrganisationId }).SingleOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound();
        if (!await db.Set<Suspect>().AnyAsync(s => s.Id == request.SuspectId, ct))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["suspectId"] = ["No such suspect in your organisation."] });

        var roles = (request.RolesInProcess ?? []).Distinct().ToList();
        var link = await db.Set<SuspectCaseLink>().SingleOrDefaultAsync(l => l.CaseId == caseId && l.SuspectId == request.SuspectId, ct);
        if (link is null)
        {
            link = new SuspectCaseLink { SuspectId = request.SuspectId, CaseId = c.Id, OrganisationId = c.OrganisationId, LinkedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(link);
        }
        if (!link.RolesInProcess.SequenceEqual(roles)) link.RolesInProcess = roles;
        link.RelationToVictim = request.RelationToVictim;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict("The suspect was linked to this case at the same moment; reload and try again.");
        }
        return TypedResults.Ok(new Response(link.Id, link.SuspectId, link.CaseId));
    }
}
