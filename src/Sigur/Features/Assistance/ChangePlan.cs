using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Identification;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Assistance;

/// <summary>
/// What happens to a plan: edited while a draft, submitted, approved or returned by a supervisor, reviewed while in
/// force, closed with a supervisor's approval. Each request carries the version read (409 when someone changed the
/// plan in between); <see cref="AssistancePlan"/>'s methods refuse what the status does not allow (409). Approval and
/// each review schedule the next review as a legal clock; closure stops it. Submissions notify the organisation that
/// an approval is waiting (case reference only).
/// </summary>
public static class ChangePlan
{
    public const string Policy = Policies.CaseWrite;
    /// <summary>Approving a plan or its closure is a supervisor's (the second pair of eyes; never the author, see <see cref="AssistancePlan"/>).</summary>
    public const string ApprovalPolicy = Policies.Supervise;

    public sealed record Edit(long Version, string NeedsAssessment, string Goals, DateOnly NextReviewOn);
    public sealed record Step(long Version);
    public sealed record Decision(long Version, bool Approve);
    public sealed record Review(long Version, DateOnly NextReviewOn);
    public sealed record Closure(long Version, string Summary);

    public static Task<Results<Ok<PlanView>, ValidationProblem, ProblemHttpResult>> EditDraft(
        Guid id, Edit request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct) =>
        ApplyAsync(id, request.Version, CreatePlan.Validate(request.NeedsAssessment, request.Goals, request.NextReviewOn, Today(clock)),
            (p, _) => p.Edit(request.NeedsAssessment.Trim(), request.Goals.Trim(), request.NextReviewOn), db, notifier, ct);

    public static Task<Results<Ok<PlanView>, ValidationProblem, ProblemHttpResult>> Submit(
        Guid id, Step request, SigurDb db, CurrentUser user, Notifier notifier, CancellationToken ct) =>
        ApplyAsync(id, request.Version, [], (p, reference) =>
        {
            var refused = p.Submit();
            if (refused is null) notifier.Add(p.OrganisationId, null, new NotificationMessage("Assistance.PlanApprovalWaiting", [reference], Link(p)));
            return refused;
        }, db, notifier, ct);

    [Policy(ApprovalPolicy)]
    public static Task<Results<Ok<PlanView>, ValidationProblem, ProblemHttpResult>> Decide(
        Guid id, Decision request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct) =>
        ApplyAsync(id, request.Version, [], (p, _) =>
        {
            var refused = p.Decide(user.UserId!.Value, request.Approve, clock.GetUtcNow().UtcDateTime);
            if (refused is null && request.Approve) ScheduleReview(db, p, Today(clock));
            return refused;
        }, db, notifier, ct);

    public static Task<Results<Ok<PlanView>, ValidationProblem, ProblemHttpResult>> RecordReview(
        Guid id, Review request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CreatePlan.CheckReviewDate(errors, "nextReviewOn", request.NextReviewOn, Today(clock));
        return ApplyAsync(id, request.Version, errors, (p, _) =>
        {
            var refused = p.Review(request.NextReviewOn);
            if (refused is not null) return refused;
            StopReviews(db, p, Today(clock), "Reviewed.");
            ScheduleReview(db, p, Today(clock));
            return null;
        }, db, notifier, ct);
    }

    public static Task<Results<Ok<PlanView>, ValidationProblem, ProblemHttpResult>> RequestClosure(
        Guid id, Closure request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Summary) || request.Summary.Length > CreatePlan.TextMax) errors["summary"] = ["Required, at most 20000 characters."];
        return ApplyAsync(id, request.Version, errors, (p, reference) =>
        {
            var refused = p.RequestClosure(user.UserId!.Value, request.Summary.Trim(), clock.GetUtcNow().UtcDateTime);
            if (refused is null) notifier.Add(p.OrganisationId, null, new NotificationMessage("Assistance.PlanClosureWaiting", [reference], Link(p)));
            return refused;
        }, db, notifier, ct);
    }

    [Policy(ApprovalPolicy)]
    public static Task<Results<Ok<PlanView>, ValidationProblem, ProblemHttpResult>> DecideClosure(
        Guid id, Decision request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct) =>
        ApplyAsync(id, request.Version, [], (p, _) =>
        {
            var refused = p.DecideClosure(user.UserId!.Value, request.Approve, clock.GetUtcNow().UtcDateTime);
            if (refused is null && request.Approve) StopReviews(db, p, Today(clock), "Plan closed.");
            return refused;
        }, db, notifier, ct);

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string Link(AssistancePlan p) => $"/Assistance/Case/{p.CaseId}";

    private static void ScheduleReview(SigurDb db, AssistancePlan p, DateOnly today) =>
        db.LegalClocks().Add(SchedulePlanReview.New(p.CaseId, p.OrganisationId, DateOnly.FromDateTime(p.NextReviewOn), today, p.Id, p.CreatedBy));

    private static void StopReviews(SigurDb db, AssistancePlan p, DateOnly today, string note)
    {
        // Tracked by the caller's query below, so the completion is saved with the plan's change.
        foreach (var k in db.LegalClocks().Local.Where(k => k.SubjectId == p.Id && k.State == ClockState.Running).ToList())
            _ = k.Complete(today, note); // running: never refused
    }

    private static async Task<Results<Ok<PlanView>, ValidationProblem, ProblemHttpResult>> ApplyAsync(
        Guid id, long version, Dictionary<string, string[]> errors, Func<AssistancePlan, string, Refusal?> change, SigurDb db, Notifier notifier, CancellationToken ct)
    {
        var plan = await db.Held<AssistancePlan>().Include(p => p.Services).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return Problems.NotFound();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var reference = await db.Cases.Where(c => c.Id == plan.CaseId).Select(c => c.Reference).SingleAsync(ct);
        // The running review clocks of the plan, so that a review or a closure can complete them.
        await db.LegalClocks().Where(k => k.SubjectId == plan.Id && k.State == ClockState.Running).LoadAsync(ct);
        db.Entry(plan).Property(p => p.Version).OriginalValue = version;
        plan.Version = version;
        if (change(plan, reference) is { } refusal) return refusal.Problem();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(PlanView.From(plan));
    }
}
