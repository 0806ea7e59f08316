using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform.Web;

namespace Sigur.Features.Identification;

/// <summary>What the identification use cases share: today's date from the clock, and the answers to refused moves.</summary>
internal static class IdentificationSupport
{
    public const int TextMax = 20_000;
    public const int NameMax = 200;

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static ProblemHttpResult NotFound() => Problems.NotFound();

    /// <summary>The case with its person, tracked, or null when it does not exist or is out of scope.</summary>
    public static Task<Case?> CaseAsync(SigurDb db, Guid caseId, CancellationToken ct) =>
        db.Cases.Include(c => c.Person).SingleOrDefaultAsync(c => c.Id == caseId, ct);

    public static void CheckText(Dictionary<string, string[]> errors, string field, string? value, int max, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(value)) errors[field] = ["Required."];
        else if ((value?.Length ?? 0) > max) errors[field] = [$"At most {max} characters."];
    }

    public static void CheckDay(Dictionary<string, string[]> errors, string field, DateOnly value, DateOnly today, bool allowFuture = false)
    {
        if (value.Year < 1990 || (!allowFuture && value > today)) errors[field] = [allowFuture ? "A date from 1990 on." : "A date between 1990 and today."];
    }
}
