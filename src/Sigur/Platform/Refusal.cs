using System.Collections;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Sigur.Platform;

/// <summary>
/// The one way an entity (or a use case) refuses a change the record's state does not allow: a method returns a
/// <see cref="Refusal"/> (null when it did the change), and the use case answers it with <see cref="Problem"/>, a 409.
/// The template is English and also the key of its translations; its arguments (states, stages, dates) are worded
/// by the reader: the API says it in English, a page in the reader's language (<see cref="In"/>).
/// </summary>
public sealed record Refusal(string Template, params object[] Arguments)
{
    public const string Title = "Not allowed in this state";

    /// <summary>The key under which the refusal travels in the 409 ProblemDetails, for a page to word it.</summary>
    public const string Extension = "refusal";

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Template, [.. Arguments.Select(a => a switch
    {
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        string s => s,
        IEnumerable many => string.Join(" or ", many.Cast<object>()),
        _ => a,
    })]);

    /// <summary>In the reader's language: every enum value by its label ("ReferralStatus.Accepted"), dates as the culture writes them.</summary>
    public string In(IStringLocalizer words) => words[Template, [.. Arguments.Select(a => a switch
    {
        Enum value => Label(words, value),
        DateOnly d => d.ToString("d", CultureInfo.CurrentCulture),
        string s => s,
        IEnumerable many => string.Join(" / ", many.Cast<object>().Select(v => v is Enum e ? Label(words, e) : v.ToString())),
        _ => a,
    })]];

    private static string Label(IStringLocalizer words, Enum value) => words[$"{value.GetType().Name}.{value}"];

    /// <summary>The 409 answer: the English reason as the detail, and the refusal itself for a page to word.</summary>
    public ProblemHttpResult Problem(string title = Title) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title,
        detail: ToString(), extensions: new Dictionary<string, object?> { [Extension] = this });
}

/// <summary>A write to a closed case or to what hangs on it (see the closed-case guard of the cases feature): answered 409.</summary>
public sealed class ClosedCaseException() : InvalidOperationException(Message)
{
    public new const string Message = "The case is closed: reopen it to change it.";
}
