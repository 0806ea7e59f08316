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
        });

    // System.Text.Json messages name the path and the problem, never the value; ours (SafeStringConverter) likewise.
    private static string SafeJsonDetail(System.Text.Json.JsonException json) =>
        json.Path is { Length: > 0 } path ? $"Invalid JSON at {path}: {FirstSentence(json.Message)}" : FirstSentence(json.Message);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    public static Task WriteAsync(HttpContext context, int status, string title, string? detail = null)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["traceId"] = context.TraceIdentifier;
        return context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    public static ProblemHttpResult Conflict(string detail = "The record was changed by someone else. Reload it and apply your change again.") =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Edit conflict", detail: detail);

    public static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found");
}
