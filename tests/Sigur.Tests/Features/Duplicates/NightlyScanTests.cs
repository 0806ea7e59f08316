using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sigur.Features.Duplicates;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Duplicates;

public sealed class NightlyScanTests
{
    [Fact]
    public void The_next_scan_is_at_the_configured_hour_today_or_tomorrow()
    {
        Assert.Equal(TimeSpan.FromHours(1), NightlyPersonScan.UntilNext(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero), 2));
        Assert.Equal(TimeSpan.FromHours(24), NightlyPersonScan.UntilNext(new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero), 2));
        Assert.Equal(TimeSpan.FromHours(20.5), NightlyPersonScan.UntilNext(new DateTimeOffset(2026, 11, 25, 5, 30, 0, TimeSpan.Zero), 2));
    }

    [Theory, BothProviders]
    public async Task The_scan_runs_by_itself_when_the_clock_reaches_the_night_hour(string provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(provider, b =>
        {
            b.UseSetting("Duplicates:ScanHourUtc", "2");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var a = await app.NewOrganisationAsync(OrganisationType.Police);
        var b = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var surname = DuplicateRequests.UniqueSurname();
        await (await app.ClientAsync(Role.PoliceInvestigator, a.Id)).RegisterAsync(DuplicateRequests.Person("Teuta", surname, "2001-04-04"));
        var ngo = await app.ClientAsync(Role.CaseWorker, b.Id);
        await ngo.RegisterAsync(DuplicateRequests.Person("Теута", DuplicateRequests.Cyrillic(surname), "2001-04-04"));
        foreach (var given in new[] { "Nikola", "Dijana", "Valon", "Katerina", "Hasan" })
            await ngo.RegisterAsync(DuplicateRequests.Person(given, DuplicateRequests.UniqueSurname(), "1990-01-01"));
        var progress = app.Services.GetRequiredService<PersonScanProgress>();
        Assert.Null(progress.Current.FinishedAt);

        clock.Advance(TimeSpan.FromHours(1));
        for (var i = 0; i < 3000 && progress.Current.FinishedAt is null; i++) await Task.Delay(50);

        Assert.False(progress.Current.Failed);
        Assert.Equal(clock.GetUtcNow().UtcDateTime, progress.Current.FinishedAt);
        var dpo = await app.ClientAsync(Role.DataProtectionOfficer, office.Id);
        Assert.NotNull((await dpo.QueueAsync()).PairWith(surname));
    }
}
