using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;

namespace Sigur.Features.Coordination;

/// <summary>
/// When the sittings of a series fall: the first sitting's wall-clock time in the body's time zone, repeated by an
/// RFC 5545 RRULE ("FREQ=MONTHLY;BYDAY=-1TH": the Thursday of the last week of each month), evaluated by Ical.Net.
/// The wall-clock time stays put across daylight-saving changes; the UTC instant moves with them.
/// </summary>
public static class MeetingTimes
{
    public const string DefaultTimeZone = "Europe/Skopje";
    /// <summary>A series is scheduled at most this many sittings, and at most two years, ahead.</summary>
    public const int MaxSittings = 36;

    /// <summary>The presets the scheduling form offers besides a rule of one's own.</summary>
    public static string LastWeekOfMonth(DateOnly first) => $"FREQ=MONTHLY;BYDAY=-1{Weekday(first.DayOfWeek)}";

    private static string Weekday(DayOfWeek day) => day.ToString()[..2].ToUpperInvariant();

    public static bool IsTimeZone(string? zone) => !string.IsNullOrEmpty(zone) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null;

    /// <summary>Why <paramref name="rule"/> cannot schedule a series, or null when it can.</summary>
    public static string? Check(string rule)
    {
        if (rule.Length > 300) return "At most 300 characters.";
        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(rule);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return "Not a recurrence rule (RFC 5545 RRULE), for example FREQ=MONTHLY;BYDAY=-1TH.";
        }
        // Sittings are days apart; a rule by the hour or minute would fill the calendar with nonsense.
        return pattern.Frequency is Ical.Net.FrequencyType.Daily or Ical.Net.FrequencyType.Weekly or Ical.Net.FrequencyType.Monthly or Ical.Net.FrequencyType.Yearly
            ? null : "Repeat daily, weekly, monthly or yearly.";
    }

    /// <summary>The UTC start of each sitting: the first at <paramref name="local"/> in <paramref name="zone"/>, then as the rule says (none: only the first).</summary>
    public static List<DateTime> Sittings(DateTime local, string zone, string rule, int max = MaxSittings)
    {
        var first = new CalDateTime(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
        if (rule.Length == 0) return [first.AsUtc];
        var series = new CalendarEvent { DtStart = first };
        series.RecurrenceRule = new RecurrencePattern(rule);
        var horizon = first.AsUtc.AddYears(2);
        return [.. series.GetOccurrences().Select(o => o.Period.StartTime.AsUtc).TakeWhile(t => t <= horizon).Take(max)];
    }

    /// <summary>The wall-clock time of a UTC instant in the meeting's zone (for pages and calendars).</summary>
    public static DateTime Local(DateTime utc, string zone)
    {
        var tz = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) ?? DateTimeZoneProviders.Tzdb[DefaultTimeZone];
        return Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(tz).ToDateTimeUnspecified();
    }
}
