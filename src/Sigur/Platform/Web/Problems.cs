using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Sigur.Platform.Web;

/// <summary>
/// Every error is RFC 9457 ProblemDetails with no stack trace and no personal data: exception messages are never
/// shown (they might carry values), only a title, a status and the request's trace id.
/// </summary>
public static class Problems
{
    public static IServiceCollection AddSigurProblems(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.Remove("exception");
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
            if (c.Exception is BadHttpRequestException bad)
            {
                c.ProblemDetails.Status = bad.StatusCode;
                c.HttpContext.Response.StatusCode = bad.StatusCode;
                c.ProblemDetails.Title = bad.StatusCode == 413 ? "Request body too large" : "The request could not be read";
                c.ProblemDetails.Detail = bad.InnerException is System.Text.Json.JsonException json ? SafeJsonDetail(json) : null;
            }
            else if (c.Exception is Access.ReadOnlyAccessException)
            {
                // Out of the user's (write) scope: answered like any record outside scope.
                c.ProblemDetails.Status = StatusCodes.Status404NotFound;
                c.HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
                c.ProblemDetails.Title = "Not found";
            }
            else if (c.Exception is Audit.AuditUnavailableException)
            {
                c.ProblemDetails.Status = StatusCodes.Status503ServiceUnavailable;
                c.HttpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                c.ProblemDetails.Title = "The audit log is unavailable; nothing was done.";
            }
            // The defaults were chosen for the status before the lines above changed it (a bad request arrives as a
            // 500): the type always names the section of the status answered.
            c.ProblemDetails.Type = TypeOf(c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode) ?? c.ProblemDetails.Type;
        });

    /// <summary>The status an exception answers with, on /api and on the pages alike.</summary>
    public static int StatusOf(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        Access.ReadOnlyAccessException => StatusCodes.Status404NotFound,
        Audit.AuditUnavailableException => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The RFC section that defines each status Sigur answers with, as the problem's type.</summary>
    public static string? TypeOf(int status) => status switch
    {
        400 => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        401 => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        403 => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        404 => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        405 => "https://tools.ietf.org/html/rfc9110#section-15.5.6",
        409 => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        413 => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        415 => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        422 => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        429 => "https://tools.ietf.org/html/rfc6585#section-4",
        500 => "https://tools.ietf.org/html/rfc9110#section-15.6.1",
        503 => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => null,
    };

    /// <summary>
    /// Where the JSON went wrong and what kind of wrong, in words of our own: System.Text.Json's messages name the
    /// .NET types they could not fill (<c>Sigur.Features.Cases.EditCase+Request</c>), which is nobody's business.
    /// </summary>
    private static string SafeJsonDetail(System.Text.Json.JsonException json)
    {
        var message = json.Message;
        var reason =
            message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal) ? "unknown property."
            : message.Contains("maximum configured depth", StringComparison.Ordinal) ? $"nested deeper than {RequestLimits.MaxJsonDepth} levels."
            : message.Contains("could not be converted", StringComparison.Ordinal) ? "the value has the wrong type or format."
            : message.Contains("missing required properties", StringComparison.Ordinal) ? "a required property is missing."
            : SafeStringConverter.Messages.FirstOrDefault(m => message.StartsWith(m, StringComparison.Ordinal)) is { } ours ? ours
            : "not valid JSON.";
        return json.Path is { Length: > 0 } path ? $"Invalid JSON at {path}: {reason}" : $"Invalid JSON: {reason}";
    }

    public static Task WriteAsync(HttpContext context, int status, string title, string? detail = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Type = TypeOf(status), Status = status, Title = title, Detail = detail };
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public static ProblemHttpResult Conflict(string detail = "The record was changed by someone else. Reload it and apply your change again.") =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Edit conflict", detail: detail);

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
