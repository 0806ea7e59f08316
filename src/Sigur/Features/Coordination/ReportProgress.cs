using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Coordination;

/// <summary>
/// The responsible institution reports the progress of its own activity for one open reporting period: its status,
/// the indicator's actual figure and a short account. One report per activity and period (a unique index), none once
/// the period is locked: the report moves the period's version, so it and the lock cannot both win.
/// </summary>
public static class ReportProgress
{
    public const string Policy = Policies.Coordination;

    public sealed record Request(Guid PeriodId, ActivityStatus Status, decimal? Actual, string? Narrative);

    public static async Task<Results<Created<ManageActionPlan.ReportView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var org = user.OrganisationId ?? Guid.Empty;
        var activity = await db.Set<PlanActivity>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == id && a.ResponsibleInstitutionId == org, ct);
        if (activity is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.Status)) errors["status"] = ["Unknown activity status."];
        if ((request.Narrative?.Length ?? 0) > 4000) errors["narrative"] = ["At most 4,000 characters."];
        if (request.Actual is < -1_000_000_000_000m or > 1_000_000_000_000m) errors["actual"] = ["Out of range."];
        var period = await db.Set<ReportingPeriod>().SingleOrDefaultAsync(p => p.Id == request.PeriodId && p.PlanId == activity.PlanId, ct);
        if (period is null) errors["periodId"] = ["A reporting period of the activity's plan."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (period!.LockedAt is not null) return new Refusal("This reporting period is locked: its reports are final.").Problem();
        if (await db.Set<ProgressReport>().AnyAsync(r => r.PeriodId == period.Id && r.ActivityId == id, ct))
            return new Refusal("This activity has already been reported for this period.").Problem();
        var report = new ProgressReport
        {
            PeriodId = period.Id, ActivityId = id, OrganisationId = org, Status = request.Status, Actual = request.Actual, Narrative = request.Narrative?.Trim() ?? "",
            ReportedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(report);
        db.Entry(period).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A lock or another report of the same activity and period got there first.
            return Problems.Conflict("The period was locked or the activity reported meanwhile. Reload and check.");
        }
        return TypedResults.Created($"/api/v1/coordination/action-plans/{activity.PlanId}", new ManageActionPlan.ReportView(report.Id, report.PeriodId, report.ActivityId,
            report.OrganisationId, report.Status, report.Actual, report.Narrative, DateTime.SpecifyKind(report.ReportedAt, DateTimeKind.Utc)));
    }
}
