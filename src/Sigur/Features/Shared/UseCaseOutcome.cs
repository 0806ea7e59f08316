using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
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
        while (result is INestedHttpResult nested) result = nested.Result;
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

    /// <summary>
    /// The one way a page answers a use case's typed result: done, the <paramref name="saved"/> message and
    /// <paramref name="done"/> (a redirect back); invalid input or a refusal, beside the fields or in the summary on the
    /// page shown <paramref name="again"/>; a record out of reach, 404.
    /// </summary>
    public static async Task<IActionResult> AnswerAsync(this PageModel page, IResult result, IStringLocalizer localizer, string saved,
        Func<IActionResult> done, Func<Task<IActionResult>> again)
    {
        switch (page.ModelState.Take(result, localizer))
        {
            case Outcome.NotFound: return page.NotFound();
            case Outcome.Done:
                page.TempData["Message"] = saved;
                return done();
            default: return await again();
        }
    }

    /// <summary>A refused answer in the reader's language: a <see cref="Refusal"/> worded with its arguments, else the detail's translation.</summary>
    public static string In(this ProblemHttpResult problem, IStringLocalizer localizer) =>
        problem.ProblemDetails.Extensions.TryGetValue(Refusal.Extension, out var r) && r is Refusal refusal ? refusal.In(localizer)
            : localizer[problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Refused."];
}
