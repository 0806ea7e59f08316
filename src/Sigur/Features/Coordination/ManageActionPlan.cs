using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Coordination;

/// <summary>Keeps the action plan (the secretariat's organisation): the plan, its objectives, activities and reporting periods; shows it with its scorecard.</summary>
public static class ManageActionPlan
{
    public const string Policy = Policies.CoordinationManage;
    public const string ReadPolicy = Policies.Coordination;

    public sealed record PlanRequest(string Title, DateOnly Starts, DateOnly Ends);
    public sealed record ObjectiveRequest(string Code, string Title);
    public sealed record ActivityRequest(Guid ObjectiveId, string Code, string Title, Guid ResponsibleInstitutionId, IReadOnlyList<Guid>? PartnerIds,
        DateOnly Deadline, long Budget = 0, string Currency = "EUR", string? FundingSource = null, string? Indicator = null, decimal? Baseline = null, decimal? Target = null);
    public sealed record PeriodRequest(string Name, DateOnly Starts, DateOnly Ends);
    public sealed record LockRequest(long Version);

    public sealed record PlanSummary(Guid Id, string Title, DateOnly Starts, DateOnly Ends, long Version);
    public sealed record ObjectiveView(Guid Id, string Code, string Title);
    public sealed record ActivityView(Guid Id, Guid ObjectiveId, string Code, string Title, Guid ResponsibleInstitutionId, IReadOnlyList<Guid> PartnerIds,
        DateOnly Deadline, long Budget, string Currency, string FundingSource, ActivityStatus Status, bool Overdue, string Indicator, decimal? Baseline, decimal? Target,
        decimal? Actual, long Version);
    public sealed record PeriodView(Guid Id, string Name, DateOnly Starts, DateOnly Ends, bool Locked, long Version);
    /// <summary>One cell of the scorecard: an institution's activities and how many of them it reported in a period.</summary>
    public sealed record ScoreRow(Guid InstitutionId, Guid PeriodId, int Activities, int Reported);
    public sealed record ReportView(Guid Id, Guid PeriodId, Guid ActivityId, Guid InstitutionId, ActivityStatus Status, decimal? Actual, string Narrative, DateTime ReportedAt);
    public sealed record PlanView(PlanSummary Plan, IReadOnlyList<ObjectiveView> Objectives, IReadOnlyList<ActivityView> Activities, IReadOnlyList<PeriodView> Periods,
        IReadOnlyList<ScoreRow> Scorecard, IReadOnlyList<ReportView> Reports);

    [Policy(ReadPolicy)]
    public static async Task<List<PlanSummary>> List(SigurDb db, CancellationToken ct) =>
        await db.Set<ActionPlan>().AsNoTracking().OrderByDescending(p => p.Starts).Take(100)
            .Select(p => new PlanSummary(p.Id, p.Title, p.Starts, p.Ends, p.Version)).ToListAsync(ct);

    public static async Task<Results<Created<PlanSummary>, ValidationProblem>> Create(PlanRequest request, SigurDb db, CurrentUser user, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 300) errors["title"] = ["Required, at most 300 characters."];
        if (request.Ends < request.Starts || request.Starts == default) errors["ends"] = ["The plan ends after it starts."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var plan = new ActionPlan { OrganisationId = user.OrganisationId!.Value, Title = request.Title.Trim(), Starts = request.Starts, Ends = request.Ends };
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/coordination/action-plans/{plan.Id}", new PlanSummary(plan.Id, plan.Title, plan.Starts, plan.Ends, plan.Version));
    }

    public static async Task<Results<Created<ObjectiveView>, ValidationProblem, ProblemHttpResult>> AddObjective(Guid id, ObjectiveRequest request, SigurDb db, CancellationToken ct)
    {
        if (!await db.Held<ActionPlan>().AnyAsync(p => p.Id == id, ct)) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 20) errors["code"] = ["Required, at most 20 characters."];
        else if (await db.Set<Objective>().AnyAsync(o => o.PlanId == id && o.Code == request.Code.Trim(), ct)) errors["code"] = ["The plan already has this code."];
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 500) errors["title"] = ["Required, at most 500 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var objective = new Objective { PlanId = id, Code = request.Code.Trim(), Title = request.Title.Trim() };
        db.Add(objective);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/coordination/action-plans/{id}", new ObjectiveView(objective.Id, objective.Code, objective.Title));
    }

    public static async Task<Results<Created<ActivityView>, ValidationProblem, ProblemHttpResult>> AddActivity(Guid id, ActivityRequest request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var plan = await db.Held<ActionPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (!await db.Set<Objective>().AnyAsync(o => o.Id == request.ObjectiveId && o.PlanId == id, ct)) errors["objectiveId"] = ["An objective of this plan."];
        if (string.IsNullOrWhiteSpace(request.Code) || request.Code.Length > 20) errors["code"] = ["Required, at most 20 characters."];
        else if (await db.Set<PlanActivity>().AnyAsync(a => a.PlanId == id && a.Code == request.Code.Trim(), ct)) errors["code"] = ["The plan already has this code."];
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 500) errors["title"] = ["Required, at most 500 characters."];
        var institutions = (request.PartnerIds ?? []).Append(request.ResponsibleInstitutionId).Distinct().ToList();
        if (await db.Organisations.CountAsync(o => institutions.Contains(o.Id) && o.IsActive, ct) != institutions.Count)
            errors["responsibleInstitutionId"] = ["The responsible institution and the partners are active organisations."];
        if (request.Budget < 0) errors["budget"] = ["Not negative."];
        if (request.Currency is not { Length: 3 } || !request.Currency.All(char.IsAsciiLetterUpper)) errors["currency"] = ["A currency code of three capital letters (ISO 4217)."];
        if ((request.FundingSource?.Length ?? 0) > 200) errors["fundingSource"] = ["At most 200 characters."];
        if ((request.Indicator?.Length ?? 0) > 300) errors["indicator"] = ["At most 300 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var activity = new PlanActivity
        {
            PlanId = id, ObjectiveId = request.ObjectiveId, OrganisationId = plan.OrganisationId, Code = request.Code.Trim(), Title = request.Title.Trim(),
            ResponsibleInstitutionId = request.ResponsibleInstitutionId, PartnerIds = [.. (request.PartnerIds ?? []).Distinct()], Deadline = request.Deadline,
            Budget = request.Budget, Currency = request.Currency, FundingSource = request.FundingSource?.Trim() ?? "", Indicator = request.Indicator?.Trim() ?? "",
            Baseline = request.Baseline, Target = request.Target,
        };
        db.Add(activity);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/coordination/action-plans/{id}", View(activity, null, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    public static async Task<Results<Created<PeriodView>, ValidationProblem, ProblemHttpResult>> AddPeriod(Guid id, PeriodRequest request, SigurDb db, CancellationToken ct)
    {
        if (!await db.Held<ActionPlan>().AnyAsync(p => p.Id == id, ct)) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100) errors["name"] = ["Required, at most 100 characters."];
        if (request.Ends < request.Starts || request.Starts == default) errors["ends"] = ["The period ends after it starts."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var period = new ReportingPeriod { PlanId = id, Name = request.Name.Trim(), Starts = request.Starts, Ends = request.Ends };
        db.Add(period);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/coordination/action-plans/{id}", new PeriodView(period.Id, period.Name, period.Starts, period.Ends, false, period.Version));
    }

    /// <summary>Locks a period: its reports become final. The period's version moves, so a report racing the lock is refused (409), never let in after it.</summary>
    public static async Task<Results<Ok<PeriodView>, ProblemHttpResult>> Lock(Guid id, Guid periodId, LockRequest request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Held<ActionPlan>().AnyAsync(p => p.Id == id, ct)) return Problems.NotFound();
        var period = await db.Set<ReportingPeriod>().SingleOrDefaultAsync(p => p.Id == periodId && p.PlanId == id, ct);
        if (period is null) return Problems.NotFound();
        if (period.LockedAt is not null) return new Refusal("This reporting period is already locked.").Problem();
        if (request.Version != period.Version) return Problems.Conflict();
        period.LockedAt = clock.GetUtcNow().UtcDateTime;
        db.Entry(period).Property(p => p.Version).OriginalValue = request.Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(new PeriodView(period.Id, period.Name, period.Starts, period.Ends, true, period.Version));
    }

    [Policy(ReadPolicy)]
    public static async Task<Results<Ok<PlanView>, ProblemHttpResult>> Get(Guid id, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var plan = await db.Set<ActionPlan>().AsNoTracking().Include(p => p.Objectives).Include(p => p.Periods).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return Problems.NotFound();
        var activities = await db.Set<PlanActivity>().AsNoTracking().Where(a => a.PlanId == id).OrderBy(a => a.Code).ToListAsync(ct);
        var ids = activities.Select(a => a.Id).ToList();
        var reports = await db.Set<ProgressReport>().AsNoTracking().Where(r => ids.Contains(r.ActivityId)).ToListAsync(ct);
        var periods = plan.Periods.OrderBy(p => p.Starts).ToList();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // The latest reported figure of each activity is its actual.
        var order = periods.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var latest = reports.GroupBy(r => r.ActivityId).ToDictionary(g => g.Key, g => g.OrderBy(r => order.GetValueOrDefault(r.PeriodId)).Last());
        var scorecard = activities.GroupBy(a => a.ResponsibleInstitutionId).SelectMany(g => periods.Select(p =>
            new ScoreRow(g.Key, p.Id, g.Count(), reports.Count(r => r.PeriodId == p.Id && g.Any(a => a.Id == r.ActivityId))))).ToList();
        return TypedResults.Ok(new PlanView(new PlanSummary(plan.Id, plan.Title, plan.Starts, plan.Ends, plan.Version),
            [.. plan.Objectives.OrderBy(o => o.Code).Select(o => new ObjectiveView(o.Id, o.Code, o.Title))],
            [.. activities.Select(a => View(a, latest.GetValueOrDefault(a.Id), today))],
            [.. periods.Select(p => new PeriodView(p.Id, p.Name, p.Starts, p.Ends, p.LockedAt is not null, p.Version))], scorecard,
            [.. reports.Select(r => new ReportView(r.Id, r.PeriodId, r.ActivityId, r.OrganisationId, r.Status, r.Actual, r.Narrative, DateTime.SpecifyKind(r.ReportedAt, DateTimeKind.Utc)))]));
    }

    private static ActivityView View(PlanActivity a, ProgressReport? latest, DateOnly today)
    {
        var status = latest?.Status ?? a.Status;
        return new(a.Id, a.ObjectiveId, a.Code, a.Title, a.ResponsibleInstitutionId, a.PartnerIds, a.Deadline, a.Budget, a.Currency, a.FundingSource, status,
            a.Deadline < today && status is not (ActivityStatus.Completed or ActivityStatus.Cancelled), a.Indicator, a.Baseline, a.Target, latest?.Actual, a.Version);
    }
}
