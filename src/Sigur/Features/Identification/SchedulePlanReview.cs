using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Assistance;
using Sigur.Data;
using Sigur.Platform;
using static Sigur.Features.Identification.IdentificationSupport;

namespace Sigur.Features.Identification;

/// <summary>
/// Schedules a review of the case's assistance plan: a clock the assistance feature sets when a plan is approved
/// (<see cref="Request.PlanId"/> names the plan), reminded a week ahead and shown on the dashboard like every deadline.
/// </summary>
public static class SchedulePlanReview
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(DateOnly DueOn, Guid? PlanId = null, string? Notes = null);

    public sealed record Response(Guid Id, DateOnly DueOn);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var c = await CaseAsync(db, caseId, ct);
        if (c is null) return NotFound();
        var today = Today(clock);
        var errors = new Dictionary<string, string[]>();
        if (request.DueOn < today || request.DueOn > today.AddYears(2)) errors["dueOn"] = ["A date from today to two years ahead."];
        CheckText(errors, "notes", request.Notes, TextMax);
        // The plan named must be this case's: a review clock pointing at another case's plan (or another
        // organisation's, which the query filter hides) would remind about the wrong person's plan.
        if (request.PlanId is { } planId && !await db.AssistancePlans().AnyAsync(p => p.Id == planId && p.CaseId == c.Id, ct))
            errors["planId"] = ["Not an assistance plan of this case."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var review = New(c.Id, c.OrganisationId, request.DueOn, today, request.PlanId, user.UserId);
        review.Notes = request.Notes ?? "";
        db.LegalClocks().Add(review);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{c.Id}/identification", new Response(review.Id, request.DueOn));
    }

    /// <summary>For the assistance feature: the clock to add in its own unit of work when it approves a plan.</summary>
    public static LegalClock New(Guid caseId, Guid organisationId, DateOnly dueOn, DateOnly today, Guid? planId, Guid? responsibleUserId) => new()
    {
        CaseId = caseId, OrganisationId = organisationId, Type = ClockType.AssistancePlanReview, StartsOn = LegalClock.Day(today),
        DueOn = LegalClock.Day(dueOn), OriginalDueOn = LegalClock.Day(dueOn), SubjectId = planId, ResponsibleUserId = responsibleUserId,
    };
}
