using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Reintegration;

internal static class ReintegrationSupport
{
    public const int TextMax = 10_000;

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public static DateTime Day(DateOnly d) => d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);


    public static void CheckText(Dictionary<string, string[]> errors, string field, string? value, bool required = false)
    {
        if (required && string.IsNullOrWhiteSpace(value)) errors[field] = ["Required."];
        else if ((value?.Length ?? 0) > TextMax) errors[field] = [$"At most {TextMax} characters."];
    }

    public static void CheckPast(Dictionary<string, string[]> errors, string field, DateOnly value, DateOnly today)
    {
        if (value.Year < 2000 || value > today) errors[field] = ["A date from 2000 to today."];
    }
}
