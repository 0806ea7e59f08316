using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Assistance;

/// <summary>
/// The case's assistance plans, newest first, with their services. The holding organisation (and a break-glass
/// user) only: an organisation the case is referred to sees the referral's data groups through the case, never the
/// plan's narrative (404).
/// </summary>
public static class ListPlans
{
    public const string Policy = Policies.CaseRead;

    public static async Task<Results<Ok<List<PlanView>>, ProblemHttpResult>> Handle(Guid caseId, SigurDb db, Audit audit, CancellationToken ct)
    {
        if (!await PlanAccess.CaseIsHeldOrOpened(db, caseId, ct)) return Problems.NotFound();
        var plans = await db.AssistancePlans().AsNoTracking().Include(p => p.Services).Where(p => p.CaseId == caseId)
            .OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        await audit.ListAsync(nameof(AssistancePlan), plans.Select(p => p.Id), FieldGroups.Narrative);
        return TypedResults.Ok(plans.ConvertAll(PlanView.From));
    }
}

internal static class PlanAccess
{
    /// <summary>The case is the user's organisation's, or opened by the user's break-glass grant.</summary>
    public static Task<bool> CaseIsHeldOrOpened(SigurDb db, Guid caseId, CancellationToken ct)
    {
        var org = db.User.OrganisationId;
        var opened = db.Scope.CaseIds;
        return db.Cases.AnyAsync(c => c.Id == caseId && (c.OrganisationId == org || opened.Contains(c.Id)), ct);
    }
}
