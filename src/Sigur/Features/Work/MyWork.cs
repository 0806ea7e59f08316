using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Work;

/// <summary>
/// "My work": the signed-in user's open tasks (named for them, or unnamed on a case they answer for or stand in
/// for), which of them are overdue, the referrals waiting for the organisation's answer, and the approvals waiting
/// for the user's role (plans for a supervisor, fund requests for a fund officer). Sigur's tasks of the user's
/// organisation are derived first, so the page is current without waiting for the background run. Case references
/// only, never names.
/// </summary>
public static class MyWork
{
    public const string Policy = Policies.CaseRead;

    public sealed record Response(DateOnly Today, IReadOnlyList<TaskView> MyTasks, IReadOnlyList<TaskView> Overdue, IReadOnlyList<TaskView> NewReferrals,
        IReadOnlyList<TaskView> ApprovalsWaiting);

    public static async Task<Response> Handle(SigurDb db, CurrentUser user, TimeProvider clock, Platform.Audit.Audit audit, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var org = user.OrganisationId ?? Guid.Empty;
        await DeriveTasks.RunAsync(db, org, today, now, ct);
        db.ChangeTracker.Clear();

        var me = user.UserId;
        var open = db.CaseTasks().AsNoTracking().Where(t => t.OrganisationId == org && t.Status == CaseTaskStatus.Open);
        var mine = await open.Where(t => t.Kind != CaseTaskKind.ApprovalWaiting && t.Kind != CaseTaskKind.ReferralToAnswer && (t.AssigneeUserId == me
                || (t.AssigneeUserId == null && db.Cases.Any(c => c.Id == t.CaseId && (c.ResponsibleUserId == me || c.DeputyUserIds.Contains(me!.Value))))))
            .OrderBy(t => t.DueOn).Take(200).ToListAsync(ct);
        var referrals = user.May(Policies.Refer)
            ? await open.Where(t => t.Kind == CaseTaskKind.ReferralToAnswer).OrderBy(t => t.DueOn).Take(200).ToListAsync(ct) : [];
        var approvals = new List<CaseTask>();
        if (user.May(Policies.Supervise))
            approvals.AddRange(await open.Where(t => t.Kind == CaseTaskKind.ApprovalWaiting && t.SourceKey!.StartsWith("plan:")).OrderBy(t => t.DueOn).Take(200).ToListAsync(ct));
        if (user.May(Policies.FundManage))
            approvals.AddRange(await open.Where(t => t.Kind == CaseTaskKind.ApprovalWaiting && t.SourceKey!.StartsWith("disbursement:")).OrderBy(t => t.DueOn).Take(200).ToListAsync(ct));
        await audit.ListAsync(nameof(CaseTask), mine.Concat(referrals).Concat(approvals).Select(t => t.Id), FieldGroups.CaseAdministration, FieldGroups.Narrative);
        var views = mine.Select(t => TaskView.From(t, today)).ToList();
        return new Response(today, views, [.. views.Where(v => v.Overdue)], [.. referrals.Select(t => TaskView.From(t, today))], [.. approvals.Select(t => TaskView.From(t, today))]);
    }
}
