namespace Sigur.Features.Identification;

/// <summary>
/// The legal clocks' lengths, per country (configuration section "Identification"; each installation serves one
/// country's mechanism, and organisations carry their country). Defaults: five working days for a first decision,
/// thirty days of recovery and reflection (the floor set by CETS 197 art. 13).
/// </summary>
public sealed class IdentificationRules
{
    public const int MinimumRecoveryDays = 30;

    /// <summary>How often the deadline reminders run; 0: never (the tests run them themselves).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 7 * 24 * 60, ErrorMessage = "minutes from 0 (never) to a week")]
    public int ReminderIntervalMinutes { get; set; } = 60;

    public int FirstDecisionWorkingDays { get; set; } = 5;
    public int RecoveryPeriodDays { get; set; } = MinimumRecoveryDays;
    public Dictionary<string, CountryRules> Countries { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class CountryRules
    {
        public int? FirstDecisionWorkingDays { get; set; }
        public int? RecoveryPeriodDays { get; set; }
        /// <summary>Public holidays that do not count as working days (yyyy-MM-dd).</summary>
        public List<DateOnly> Holidays { get; set; } = [];
        /// <summary>Where the law gives formal identification to one body (Serbia: the Centre for Protection of Victims of Trafficking), its name; an "identified" decision must then name it.</summary>
        public string? FormalIdentificationAuthority { get; set; }
    }

    private CountryRules? For(string country) => Countries.GetValueOrDefault(country);

    public int FirstDecisionDays(string country) => For(country)?.FirstDecisionWorkingDays ?? FirstDecisionWorkingDays;

    public int RecoveryDays(string country) => Math.Max(MinimumRecoveryDays, For(country)?.RecoveryPeriodDays ?? RecoveryPeriodDays);

    public string? FormalAuthority(string country) => For(country)?.FormalIdentificationAuthority;

    /// <summary>The day <paramref name="workingDays"/> working days after <paramref name="start"/> (Monday to Friday, less the country's holidays).</summary>
    public DateOnly AddWorkingDays(string country, DateOnly start, int workingDays)
    {
        var holidays = For(country)?.Holidays ?? [];
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day)) counted++;
        }
        return day;
    }

    public DateOnly FirstDecisionDue(string country, DateOnly intake) => AddWorkingDays(country, intake, FirstDecisionDays(country));
}
