using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Sigur.Platform;

namespace Sigur.Features.Shared;

public enum Outcome { Done, Refused, NotFound }

/// <summary>
/// Where a page puts a use case's refusals: field errors under <see cref="Prefix"/> (those not among
/// <see cref="Fields"/> go to the summary); a 409 or a 404 handled by the page itself (an edit-conflict flag, a message
/// beside a field) rather than as a message in the summary or a 404; any other refusal in the page's own box
/// (<see cref="Refused"/>, given the worded refusal) rather than in the summary; invalid input listed by the page
/// itself (<see cref="Invalid"/>, given the use case's errors) rather than beside the fields.
/// </summary>
public sealed record PageAnswer
{
    public string Prefix { get; init; } = "";
    public IEnumerable<string>? Fields { get; init; }
    public Action? Conflict { get; init; }
    public Action<string>? NotFound { get; init; }
    public Action<string>? Refused { get; init; }
    public Action<IDictionary<string, string[]>>? Invalid { get; init; }
}

/// <summary>How a page takes a use case's answer: errors beside the fields or in the summary, a 404 as a 404.</summary>
public static class UseCaseOutcome
{
    public static Outcome Take(this ModelStateDictionary state, IResult result, IStringLocalizer localizer, PageAnswer? how = null)
    {
        switch (Unwrap(result))
        {
            case ValidationProblem invalid when how?.Invalid is { } listInvalid:
                listInvalid(invalid.ProblemDetails.Errors);
                return Outcome.Refused;
            case ValidationProblem invalid:
                state.AddProblemErrors(invalid.ProblemDetails.Errors, how?.Prefix ?? "", localizer, how?.Fields);
                return Outcome.Refused;
            case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound } problem when how?.NotFound is { } notFound:
                notFound(problem.In(localizer));
                return Outcome.Refused;
            case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }:
                return Outcome.NotFound;
            case ProblemHttpResult { StatusCode: StatusCodes.Status409Conflict } when how?.Conflict is { } conflict:
                conflict();
                return Outcome.Refused;
            case ProblemHttpResult problem when how?.Refused is { } refused:
                refused(problem.In(localizer));
                return Outcome.Refused;
            case ProblemHttpResult problem:
                state.AddModelError("", problem.In(localizer));
                return Outcome.Refused;
            default:
                return Outcome.Done;
        }
    }

    /// <summary>
    /// The one way a page answers a use case's typed result: done, the <paramref name="saved"/> message (if any) and
    /// <paramref name="done"/> (a redirect); invalid input or a refusal, beside the fields or in the summary on the
    /// page shown <paramref name="again"/> (the page itself when none); a record out of reach, 404.
    /// </summary>
    public static Task<IActionResult> AnswerAsync(this PageModel page, IResult result, IStringLocalizer localizer, string? saved,
        Func<IActionResult> done, Func<Task<IActionResult>>? again = null, PageAnswer? how = null) =>
        page.AnswerCoreAsync<object>(result, localizer, _ => saved, _ => done(), again, how, needsValue: false);

    /// <summary>As above, when the message or the redirect needs what the use case answered (the new record's id, say).</summary>
    public static Task<IActionResult> AnswerAsync<T>(this PageModel page, IResult result, IStringLocalizer localizer, Func<T, string?> saved,
        Func<T, IActionResult> done, Func<Task<IActionResult>>? again = null, PageAnswer? how = null) =>
        page.AnswerCoreAsync(result, localizer, saved, done, again, how, needsValue: true);

    private static async Task<IActionResult> AnswerCoreAsync<T>(this PageModel page, IResult result, IStringLocalizer localizer, Func<T, string?> saved,
        Func<T, IActionResult> done, Func<Task<IActionResult>>? again, PageAnswer? how, bool needsValue)
    {
        switch (page.ModelState.Take(result, localizer, how))
        {
            case Outcome.NotFound: return page.NotFound();
            case Outcome.Refused: return again is null ? page.Page() : await again();
        }
        var value = Unwrap(result) switch
        {
            IValueHttpResult<T> { Value: { } v } => v,
            _ when !needsValue => default!,
            var other => throw new InvalidOperationException($"The use case answered {other.GetType().Name}, not a {typeof(T).Name}."),
        };
        if (saved(value) is { } message) page.TempData["Message"] = message;
        return done(value);
    }

    /// <summary>
    /// A use case answered from a list (a button beside each row): every answer is a message above the list shown
    /// again by <paramref name="back"/>: <paramref name="saved"/>, <paramref name="invalid"/> for invalid input, and for
    /// a refusal <paramref name="refused"/> or else the refusal worded.
    /// </summary>
    public static IActionResult Tell(this PageModel page, IResult result, IStringLocalizer localizer, string saved, Func<IActionResult> back,
        string invalid, string? refused = null)
    {
        page.TempData["Message"] = Unwrap(result) switch
        {
            ValidationProblem => invalid,
            ProblemHttpResult problem => refused ?? problem.In(localizer),
            _ => saved,
        };
        return back();
    }

    /// <summary>A use case's file (a report, a table, an export) as the page's download.</summary>
    public static IActionResult Download(this PageModel page, FileContentHttpResult file) =>
        page.File(file.FileContents.ToArray(), file.ContentType ?? "application/octet-stream", file.FileDownloadName);

    private static IResult Unwrap(IResult result)
    {
        while (result is INestedHttpResult nested) result = nested.Result;
        return result;
    }

    /// <summary>A refused answer in the reader's language: a <see cref="Refusal"/> worded with its arguments, else the detail's translation.</summary>
    public static string In(this ProblemHttpResult problem, IStringLocalizer localizer) =>
        problem.ProblemDetails.Extensions.TryGetValue(Refusal.Extension, out var r) && r is Refusal refusal ? refusal.In(localizer)
            : localizer[problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Refused."];
}
