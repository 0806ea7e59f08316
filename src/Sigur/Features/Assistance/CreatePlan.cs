using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Assistance;

/// <summary>Opens a draft assistance plan on a case of one's own organisation; a case has one open plan at a time.</summary>
public static class CreatePlan
{
    public const string Policy = Policies.CaseWrite;

    public const int TextMax = 20_000;

    public sealed record Request(string NeedsAssessment, string Goals, DateOnly NextReviewOn);

    public static async Task<Results<Created<PlanView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Held<Case>().AnyAsync(c => c.Id == caseId, ct)) return Problems.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = Validate(request.NeedsAssessment, request.Goals, request.NextReviewOn, DateOnly.FromDateTime(now));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.AssistancePlans().AnyAsync(p => p.CaseId == caseId && p.Status != PlanStatus.Closed, ct))
            return Problems.Conflict("The case already has an open assistance plan.");
        var plan = new AssistancePlan
        {
            CaseId = caseId, OrganisationId = user.OrganisationId!.Value, NeedsAssessment = request.NeedsAssessment.Trim(), Goals = request.Goals.Trim(),
            NextReviewOn = AssistancePlan.Day(request.NextReviewOn), CreatedAt = now, CreatedBy = user.UserId!.Value,
        };
        db.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("The case already has an open assistance plan."); // a parallel request won the race: the unique index kept one
        }
        return TypedResults.Created($"/api/v1/cases/{caseId}/assistance-plans", PlanView.From(plan));
    }

    public static Dictionary<string, string[]> Validate(string? needs, string? goals, DateOnly nextReviewOn, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(needs) || needs.Length > TextMax) errors["needsAssessment"] = [$"Required, at most {TextMax} characters."];
        if (string.IsNullOrWhiteSpace(goals) || goals.Length > TextMax) errors["goals"] = [$"Required, at most {TextMax} characters."];
        CheckReviewDate(errors, "nextReviewOn", nextReviewOn, today);
        return errors;
    }

    public static void CheckReviewDate(Dictionary<string, string[]> errors, string field, DateOnly value, DateOnly today)
    {
        if (value <= today || value > today.AddYears(1)) errors[field] = ["A date after today and at most a year ahead."];
    }
}
