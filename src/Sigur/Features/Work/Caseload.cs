using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;

namespace Sigur.Features.Work;

/// <summary>
/// The team's caseload, for its supervisor: per colleague, the open cases they answer for, their open and overdue
/// tasks; and the open cases nobody answers for yet. Counts and references, never names.
/// </summary>
public static class Caseload
{
    public const string Policy = Policies.Supervise;

    public sealed record Worker(Guid UserId, string DisplayName, Role Role, int Cases, int OpenTasks, int OverdueTasks);

    public sealed record OpenCase(Guid Id, string Reference, Guid? ResponsibleUserId, int OpenTasks);

    public sealed record Response(IReadOnlyList<Worker> Team, IReadOnlyList<OpenCase> Cases, IReadOnlyList<TaskView> OpenTasks);

    public static async Task<Ok<Response>> Handle(SigurDb db, CurrentUser user, TimeProvider clock, Platform.Audit.Audit audit, CancellationToken ct)
    {
        var org = user.OrganisationId ?? Guid.Empty;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var team = await WorkTeam.OfAsync(db, org, ct);
        var cases = await db.Cases.AsNoTracking().Where(c => c.OrganisationId == org && c.Status != CaseStatus.Closed && c.Status != CaseStatus.ClosedReferred)
            .OrderByDescending(c => c.RegisteredAt).Take(1000).Select(c => new { c.Id, c.Reference, c.ResponsibleUserId }).ToListAsync(ct);
        var tasks = await db.CaseTasks().AsNoTracking().Where(t => t.OrganisationId == org && t.Status == CaseTaskStatus.Open).OrderBy(t => t.DueOn).Take(2000).ToListAsync(ct);
        var responsible = cases.ToDictionary(c => c.Id, c => c.ResponsibleUserId);
        Guid? Owner(CaseTask t) => t.AssigneeUserId ?? responsible.GetValueOrDefault(t.CaseId);
        var views = tasks.Select(t => TaskView.From(t, today)).ToList();
        await audit.ListAsync(nameof(Case), cases.Select(c => c.Id), FieldGroups.CaseAdministration);
        await audit.ListAsync(nameof(CaseTask), tasks.Select(t => t.Id), FieldGroups.CaseAdministration, FieldGroups.Narrative);
        return TypedResults.Ok(new Response(
            [.. team.Select(m => new Worker(m.Id, m.DisplayName, m.Role, cases.Count(c => c.ResponsibleUserId == m.Id),
                tasks.Count(t => Owner(t) == m.Id), views.Count(v => v.Overdue && Owner(tasks.First(t => t.Id == v.Id)) == m.Id)))],
            [.. cases.Select(c => new OpenCase(c.Id, c.Reference, c.ResponsibleUserId, tasks.Count(t => t.CaseId == c.Id)))],
            views));
    }
}
