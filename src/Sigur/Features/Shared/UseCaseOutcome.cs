using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Sigur.Platform;

namespace Sigur.Features.Shared;

public enum Outcome { Done, Refused, NotFound }

/// <summary>How a page takes a use case's answer: errors beside the fields or in the summary, a 404 as a 404.</summary>
public static class UseCaseOutcome
{
    public static Outcome Take(this ModelStateDictionary state, IResult result, IStringLocalizer localizer)
    {
        switch (result)
        {
            case ValidationProblem invalid:
                state.AddProblemErrors(invalid.ProblemDetails.Errors, "", localizer);
                return Outcome.Refused;
            case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }:
                return Outcome.NotFound;
            case ProblemHttpResult problem:
                state.AddModelError("", problem.In(localizer));
                return Outcome.Refused;
            default:
                return Outcome.Done;
        }
    }

    /// <summary>A refused answer in the reader's language: a <see cref="Refusal"/> worded with its arguments, else the detail's translation.</summary>
    public static string In(this ProblemHttpResult problem, IStringLocalizer localizer) =>
        problem.ProblemDetails.Extensions.TryGetValue(Refusal.Extension, out var r) && r is Refusal refusal ? refusal.In(localizer)
            : localizer[problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Refused."];
}
