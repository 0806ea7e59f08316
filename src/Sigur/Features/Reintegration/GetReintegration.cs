using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Reintegration;

/// <summary>A case's reintegration follow-ups and voluntary returns with their contacts: the holding organisation (and break-glass) only.</summary>
public static class GetReintegration
{
    public const string Policy = Policies.CaseRead;

    public static async Task<Results<Ok<CaseReintegrationView>, ProblemHttpResult>> Handle(Guid caseId, SigurDb db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        var opened = db.Scope.CaseIds;
        if (!await db.Cases.AnyAsync(c => c.Id == caseId && (c.OrganisationId == user.OrganisationId || opened.Contains(c.Id)), ct)) return Problems.NotFound();
        var followUps = await db.Set<ReintegrationFollowUp>().AsNoTracking().Where(f => f.CaseId == caseId).OrderByDescending(f => f.StartedOn).ToListAsync(ct);
        var returns = await db.Set<VoluntaryReturn>().AsNoTracking().Where(r => r.CaseId == caseId).OrderByDescending(r => r.AssessedAt).ToListAsync(ct);
        var contacts = await db.Set<FollowUpContact>().AsNoTracking().Where(c => c.CaseId == caseId).ToListAsync(ct);
        await audit.ListAsync(nameof(ReintegrationFollowUp), followUps.Select(f => f.Id), FieldGroups.Narrative, FieldGroups.Health);
        await audit.ListAsync(nameof(VoluntaryReturn), returns.Select(r => r.Id), FieldGroups.Narrative, FieldGroups.Exploitation, FieldGroups.Location);
        var bySubject = contacts.ToLookup(c => c.SubjectId);
        return TypedResults.Ok(new CaseReintegrationView(
            [.. followUps.Select(f => new FollowUpView(f.Id, DateOnly.FromDateTime(f.StartedOn), f.ClosedOn is { } d ? DateOnly.FromDateTime(d) : null, f.Outcome,
                f.ClosureNote, [.. bySubject[f.Id].OrderBy(c => c.ContactOn).Select(ContactView.From)], f.Version))],
            [.. returns.Select(r => ReturnView.From(r, bySubject[r.Id]))]));
    }
}
