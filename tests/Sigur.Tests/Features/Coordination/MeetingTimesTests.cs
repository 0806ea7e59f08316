using Sigur.Features.Coordination;

namespace Sigur.Tests.Features.Coordination;

/// <summary>Recurrence across month ends and daylight-saving changes in Europe/Skopje (CET/CEST), as Ical.Net evaluates RFC 5545 rules.</summary>
public sealed class MeetingTimesTests
{
    private static DateTime Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, DateTimeKind.Utc);

    [Fact]
    public void The_last_week_of_each_month_keeps_its_wall_clock_time_across_both_daylight_saving_changes()
    {
        // The advisory body meets on the Thursday of the last week of each month at 10:00 in Skopje. Summer time
        // starts on 28 March 2027 and ends on 31 October 2027: 10:00 is 09:00 UTC in winter and 08:00 UTC in summer.
        var first = new DateOnly(2027, 1, 28);
        var rule = MeetingTimes.LastWeekOfMonth(first);
        Assert.Equal("FREQ=MONTHLY;BYDAY=-1TH", rule);
        var sittings = MeetingTimes.Sittings(first.ToDateTime(new TimeOnly(10, 0)), "Europe/Skopje", rule + ";COUNT=12");
        Assert.Equal(
        [
            Utc(2027, 1, 28, 9), Utc(2027, 2, 25, 9), Utc(2027, 3, 25, 9), Utc(2027, 4, 29, 8), Utc(2027, 5, 27, 8), Utc(2027, 6, 24, 8),
            Utc(2027, 7, 29, 8), Utc(2027, 8, 26, 8), Utc(2027, 9, 30, 8), Utc(2027, 10, 28, 8), Utc(2027, 11, 25, 9), Utc(2027, 12, 30, 9),
        ], sittings);
        Assert.All(sittings, s => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(MeetingTimes.Local(s, "Europe/Skopje"))));
        // Each falls within the last seven days of its month.
        Assert.All(sittings, s => Assert.True(s.Day > DateTime.DaysInMonth(s.Year, s.Month) - 7, $"{s:yyyy-MM-dd} is not in the last week"));
    }

    [Fact]
    public void The_last_day_of_the_month_follows_short_months_and_leap_years()
    {
        var sittings = MeetingTimes.Sittings(new DateTime(2027, 12, 31, 14, 30, 0), "Europe/Skopje", "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=4");
        Assert.Equal([Utc(2027, 12, 31, 13, 30), Utc(2028, 1, 31, 13, 30), Utc(2028, 2, 29, 13, 30), Utc(2028, 3, 31, 12, 30)], sittings);
    }

    [Fact]
    public void A_monthly_meeting_on_the_31st_skips_the_months_that_have_no_31st_as_RFC_5545_says()
    {
        var sittings = MeetingTimes.Sittings(new DateTime(2027, 1, 31, 9, 0, 0), "Europe/Skopje", "FREQ=MONTHLY;COUNT=4");
        Assert.Equal([Utc(2027, 1, 31, 8), Utc(2027, 3, 31, 7), Utc(2027, 5, 31, 7), Utc(2027, 7, 31, 7)], sittings);
    }

    [Fact]
    public void A_weekly_meeting_across_the_autumn_change_moves_an_hour_in_UTC_and_not_on_the_wall_clock()
    {
        var sittings = MeetingTimes.Sittings(new DateTime(2027, 10, 24, 9, 0, 0), "Europe/Skopje", "FREQ=WEEKLY;COUNT=2");
        Assert.Equal([Utc(2027, 10, 24, 7), Utc(2027, 10, 31, 8)], sittings);
    }

    [Fact]
    public void An_open_ended_rule_stops_at_the_cap_and_a_single_meeting_has_no_rule()
    {
        Assert.Equal(MeetingTimes.MaxSittings, MeetingTimes.Sittings(new DateTime(2027, 1, 4, 9, 0, 0), "Europe/Skopje", "FREQ=WEEKLY").Count);
        // Two years: January 2027 to January 2029, whose last Thursday (the 25th) is still within them.
        Assert.Equal(25, MeetingTimes.Sittings(new DateTime(2027, 1, 28, 9, 0, 0), "Europe/Skopje", "FREQ=MONTHLY;BYDAY=-1TH").Count);
        Assert.Equal([Utc(2027, 7, 1, 7)], MeetingTimes.Sittings(new DateTime(2027, 7, 1, 9, 0, 0), "Europe/Skopje", ""));
    }

    [Theory]
    [InlineData("FREQ=MONTHLY;BYDAY=-1TH", true)]
    [InlineData("FREQ=WEEKLY;COUNT=10", true)]
    [InlineData("FREQ=HOURLY", false)]
    [InlineData("FREQ=MINUTELY;COUNT=5", false)]
    [InlineData("every last thursday", false)]
    [InlineData("FREQ=SOMETIMES", false)]
    public void Only_rules_of_days_and_longer_are_accepted(string rule, bool accepted) => Assert.Equal(accepted, MeetingTimes.Check(rule) is null);
}
