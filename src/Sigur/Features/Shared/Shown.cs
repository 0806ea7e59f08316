using System.Globalization;

namespace Sigur.Features.Shared;

/// <summary>
/// One way to write a date on every page, per culture: a day in the culture's short date (15.03.2004 in mk, sr and sq,
/// 15/03/2004 in English), a moment in its short date and time, in the server's local time.
/// </summary>
public static class Shown
{
    public static string Day(DateOnly day) => day.ToString("d", CultureInfo.CurrentCulture);

    public static string Day(DateTime day) => Day(DateOnly.FromDateTime(day));

    public static string Moment(DateTime utc) => utc.ToLocalTime().ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A date of birth as recorded: a full date like any other day; a year and month, or a year, as they are.</summary>
    public static string BirthDate(string? recorded) =>
        DateOnly.TryParseExact(recorded, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? Day(day) : recorded ?? "";
}
