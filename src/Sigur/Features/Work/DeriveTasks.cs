using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Assistance;
using Sigur.Features.Cases;
using Sigur.Features.Fund;
using Sigur.Features.Identification;
using Sigur.Features.Referrals;
using Sigur.Features.Reintegration;

namespace Sigur.Features.Work;

/// <summary>
/// Sigur's own tasks, derived from the records that wait for someone: a legal clock within its reminder lead time (a
/// plan review among them), a referral not yet answered (the recipient's), an assistance plan or its closure waiting
/// for a supervisor, a fund request waiting for its second pair of eyes (the fund's), and a reintegration or return
/// follow-up contact due (one a month). Each source has a key; a task is made once per key (the unique index keeps it
/// so when two runs meet), its due date follows the source (an extended clock), and it ends by itself once its source
/// stops waiting. Runs in the background for every organisation and, before "My work" is shown, for the reader's.
/// </summary>
public static class DeriveTasks
{
    /// <summary>How often a person followed up after reintegration or return is contacted, and how far ahead the task appears.</summary>
    public const int FollowUpIntervalDays = 30, FollowUpLeadDays = 7, AnswerWithinDays = 2;

    private sealed record Wanted(string Key, Guid OrganisationId, Guid CaseId, CaseTaskKind Kind, DateTime DueOn, Guid? Assignee);

    /// <summary>Derives the tasks of <paramref name="organisationId"/> (every organisation's when null). Returns how many were made.</summary>
    public static async Task<int> RunAsync(SigurDb db, Guid? organisationId, DateOnly today, DateTime now, CancellationToken ct)
    {
        var wanted = await WantedAsync(db, organisationId, today, ct);
        var keys = wanted.Keys.ToList();
        var existing = await db.CaseTasks().IgnoreQueryFilters()
            .Where(t => t.SourceKey != null && (organisationId == null || t.OrganisationId == organisationId) && (t.Status == CaseTaskStatus.Open || keys.Contains(t.SourceKey!)))
            .ToListAsync(ct);
        var known = existing.Select(t => t.SourceKey!).ToHashSet();
        var caseIds = wanted.Values.Select(w => w.CaseId).Concat(existing.Select(t => t.CaseId)).Distinct().ToList();
        // A closed case takes no new task and keeps its tasks' dates; its carried-over sources' tasks may still end.
        var closed = (await db.Cases.IgnoreQueryFilters().Where(c => caseIds.Contains(c.Id) && (c.Status == CaseStatus.Closed || c.Status == CaseStatus.ClosedReferred))
            .Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        foreach (var t in existing.Where(t => t.IsOpen))
        {
            if (!wanted.TryGetValue(t.SourceKey!, out var w)) _ = t.End(CaseTaskStatus.Done, null, now); // its source stopped waiting
            else if (t.DueOn != w.DueOn && !closed.Contains(t.CaseId)) t.DueOn = w.DueOn;
        }
        await db.SaveChangesAsync(ct);

        var missing = wanted.Values.Where(w => !known.Contains(w.Key) && !closed.Contains(w.CaseId)).ToList();
        if (missing.Count == 0) return 0;
        var references = await db.Cases.IgnoreQueryFilters().Where(c => missing.Select(w => w.CaseId).Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
        var made = 0;
        foreach (var w in missing)
        {
            db.CaseTasks().Add(new CaseTask
            {
                OrganisationId = w.OrganisationId, CaseId = w.CaseId, CaseReference = references.GetValueOrDefault(w.CaseId, ""), Kind = w.Kind,
                AssigneeUserId = w.Assignee, DueOn = w.DueOn, SourceKey = w.Key, CreatedAt = now,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                made++;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                db.ChangeTracker.Clear(); // another run made this one a moment ago
            }
        }
        return made;
    }

    private static async Task<Dictionary<string, Wanted>> WantedAsync(SigurDb db, Guid? org, DateOnly today, CancellationToken ct)
    {
        var wanted = new List<Wanted>();
        var horizon = LegalClock.Day(today.AddDays(LegalClock.ReminderLeadDays(ClockType.ResidencePermit)));
        var clocks = await db.LegalClocks().IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.State == ClockState.Running && k.DueOn <= horizon && (org == null || k.OrganisationId == org)).ToListAsync(ct);
        wanted.AddRange(clocks.Where(k => k.StageOn(today) != ReminderStage.None).Select(k => new Wanted($"clock:{k.Id:N}", k.OrganisationId, k.CaseId,
            k.Type == ClockType.AssistancePlanReview ? CaseTaskKind.PlanReview : CaseTaskKind.ClockDue, k.DueOn, k.ResponsibleUserId)));

        var referrals = await db.Set<Referral>().IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.Status == ReferralStatus.Requested && (org == null || r.RecipientOrganisationId == org))
            .Select(r => new { r.Id, r.RecipientOrganisationId, r.CaseId, r.RequestedAt }).ToListAsync(ct);
        wanted.AddRange(referrals.Select(r => new Wanted($"referral:{r.Id:N}", r.RecipientOrganisationId, r.CaseId, CaseTaskKind.ReferralToAnswer,
            r.RequestedAt.Date.AddDays(AnswerWithinDays), null)));

        // Each wait for approval is its own task: the plan's version is fixed while it waits, and a returned plan submitted again waits anew.
        var plans = await db.AssistancePlans().IgnoreQueryFilters().AsNoTracking()
            .Where(p => (p.Status == PlanStatus.AwaitingApproval || p.Status == PlanStatus.ClosureRequested) && (org == null || p.OrganisationId == org))
            .Select(p => new { p.Id, p.OrganisationId, p.CaseId, p.Version }).ToListAsync(ct);
        wanted.AddRange(plans.Select(p => new Wanted($"plan:{p.Id:N}:{p.Version}", p.OrganisationId, p.CaseId, CaseTaskKind.ApprovalWaiting,
            LegalClock.Day(today), null)));
        var payments = await db.Set<Disbursement>().IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Status == DisbursementStatus.Requested && (org == null || d.FundOrganisationId == org))
            .Select(d => new { d.Id, d.FundOrganisationId, d.CaseId, d.RequestedAt }).ToListAsync(ct);
        wanted.AddRange(payments.Select(d => new Wanted($"disbursement:{d.Id:N}", d.FundOrganisationId, d.CaseId, CaseTaskKind.ApprovalWaiting,
            d.RequestedAt.Date.AddDays(AnswerWithinDays), null)));

        // Follow-up contacts: a month after the last contact (or the start, or the departure), shown a week ahead.
        var followUps = await db.Set<ReintegrationFollowUp>().IgnoreQueryFilters().AsNoTracking()
            .Where(f => f.ClosedOn == null && (org == null || f.OrganisationId == org)).Select(f => new { f.Id, f.OrganisationId, f.CaseId, Since = f.StartedOn }).ToListAsync(ct);
        var yearAgo = LegalClock.Day(today.AddYears(-1));
        var returns = await db.Set<VoluntaryReturn>().IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.Status == ReturnStatus.Returned && v.DepartedOn >= yearAgo && (org == null || v.OrganisationId == org))
            .Select(v => new { v.Id, v.OrganisationId, v.CaseId, Since = v.DepartedOn!.Value }).ToListAsync(ct);
        var subjects = followUps.Concat(returns).ToList();
        var ids = subjects.Select(s => s.Id).ToList();
        var lastContacts = await db.Set<FollowUpContact>().IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.SubjectId))
            .GroupBy(c => c.SubjectId).Select(g => new { g.Key, Last = g.Max(c => c.ContactOn) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        foreach (var s in subjects)
        {
            var last = lastContacts.TryGetValue(s.Id, out var l) && l > s.Since ? l : s.Since;
            var due = last.Date.AddDays(FollowUpIntervalDays);
            if (DateOnly.FromDateTime(due) > today.AddDays(FollowUpLeadDays)) continue;
            wanted.Add(new Wanted($"follow-up:{s.Id:N}:{last:yyyyMMdd}", s.OrganisationId, s.CaseId, CaseTaskKind.FollowUpContact, due, null));
        }
        return wanted.ToDictionary(w => w.Key);
    }
}

/// <summary>Derives every organisation's tasks at start and then as often as the deadline reminders run.</summary>
public sealed class DeriveTasksService(IServiceProvider services, TimeProvider clock, IdentificationRules rules, ILogger<DeriveTasksService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = rules.ReminderIntervalMinutes;
        if (minutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                var now = clock.GetUtcNow().UtcDateTime;
                var made = await RunAsync(scope.ServiceProvider.GetRequiredService<SigurDb>(), now);
                if (made > 0) log.LogInformation("Derived {Count} tasks", made);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("Deriving tasks failed: {Error}", e.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));

        Task<int> RunAsync(SigurDb db, DateTime now) => DeriveTasks.RunAsync(db, null, DateOnly.FromDateTime(now), now, stoppingToken);
    }
}
