using System.Text.RegularExpressions;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// Settings are typed classes bound once at start-up (<see cref="Settings"/>): a value Sigur cannot run with stops it
/// there, naming the key, and no feature reads a configuration key itself.
/// </summary>
public sealed partial class SettingsTests
{
    [Theory]
    [InlineData("Statistics:ReportingCountry", "mk", "Statistics:ReportingCountry")]
    [InlineData("Statistics:PublicationThreshold", "3", "Statistics:PublicationThreshold")]
    [InlineData("Statistics:SuppressionThreshold", "-1", "Statistics:SuppressionThreshold")]
    [InlineData("Duplicates:ScanHourUtc", "24", "Duplicates:ScanHourUtc")]
    [InlineData("Sigur:IdleTimeoutMinutes", "0", "Sigur:IdleTimeoutMinutes")]
    [InlineData("Identification:ReminderIntervalMinutes", "-5", "Identification:ReminderIntervalMinutes")]
    public async Task A_setting_out_of_range_stops_the_start_and_names_its_key(string key, string value, string named)
    {
        var failure = await Record.ExceptionAsync(async () => await (await TestApp.StartAsync(Providers.Sqlite, b => b.UseSetting(key, value))).DisposeAsync());
        var invalid = Assert.IsType<InvalidSettingsException>(Innermost(failure));
        Assert.Contains(named, invalid.Message);
    }

    private static Exception? Innermost(Exception? e)
    {
        while (e is not null and not InvalidSettingsException && e.InnerException is not null) e = e.InnerException;
        return e;
    }

    [Fact]
    public void No_feature_reads_a_configuration_key_itself()
    {
        var features = Path.Combine(Source(), "Features");
        var reads = Directory.EnumerateFiles(features, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(features, f), Line: i + 1, Text: line)))
            .Where(l => RawRead().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.Equal([], reads);
    }

    // config["Section:Key"], config.GetValue("Section:Key", …), GetSection("…").Get…: what AddSettings does once.
    [GeneratedRegex(@"\[""[A-Za-z]+:[A-Za-z:]+""\]|GetValue(<[^>]+>)?\(""[A-Za-z]+:|GetSection\(""[A-Za-z:]+""\)\.Get")]
    private static partial Regex RawRead();

    private static string Source()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Sigur");
            if (Directory.Exists(Path.Combine(candidate, "Features"))) return candidate;
        }
        throw new DirectoryNotFoundException("src/Sigur above " + AppContext.BaseDirectory);
    }
}
