using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Work;

/// <summary>A case's tasks for the reader's organisation (open first, then the ended ones), with who answers for the case.</summary>
public static class ListTasks
{
    public const string Policy = Policies.CaseRead;

    public sealed record Response(Guid CaseId, string Reference, bool Held, bool Closed, Guid? ResponsibleUserId, IReadOnlyList<Guid> DeputyUserIds, long CaseVersion,
        IReadOnlyList<TaskView> Tasks);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(Guid caseId, SigurDb db, CurrentUser user, TimeProvider clock, Platform.Audit.Audit audit, CancellationToken ct)
    {
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId)
            .Select(x => new { x.Id, x.Reference, x.OrganisationId, x.Status, x.ResponsibleUserId, x.DeputyUserIds, x.Version }).SingleOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var tasks = await db.CaseTasks().AsNoTracking().Where(t => t.CaseId == caseId && t.OrganisationId == user.OrganisationId)
            .OrderBy(t => t.Status).ThenBy(t => t.DueOn).Take(500).ToListAsync(ct);
        await audit.ListAsync(nameof(CaseTask), tasks.Select(t => t.Id), FieldGroups.CaseAdministration, FieldGroups.Narrative);
        var held = c.OrganisationId == user.OrganisationId;
        // Who answers for the case is the holder's business: a reader by referral or break-glass sees its own tasks only.
        return TypedResults.Ok(new Response(c.Id, c.Reference, held, c.Status is CaseStatus.Closed or CaseStatus.ClosedReferred,
            held ? c.ResponsibleUserId : null, held ? c.DeputyUserIds : [], c.Version, [.. tasks.Select(t => TaskView.From(t, today))]));
    }
}
