using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Operations;

namespace Sigur.Features.Statistics;

/// <summary>
/// Samples the statistics generation every 15 seconds (a scrape must not wait for the database): the lag is how
/// many generations the fact snapshot is behind. Nothing is measured before the snapshot was first built.
/// </summary>
public sealed class StatisticsJournalLag : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly FactSnapshot _snapshot;
    private readonly ILogger<StatisticsJournalLag> _log;
    private long _database = -1;

    public StatisticsJournalLag(IServiceScopeFactory scopes, FactSnapshot snapshot, ILogger<StatisticsJournalLag> log, IMeterFactory meters)
    {
        (_scopes, _snapshot, _log) = (scopes, snapshot, log);
        meters.Create(Observability.MeterName).CreateObservableGauge("sigur.statistics.journal.lag", Measurements, "{generation}",
            "Statistics generations committed to the database that the in-memory fact snapshot has not replayed yet.");
    }

    public IEnumerable<Measurement<long>> Measurements()
    {
        var database = Interlocked.Read(ref _database);
        var replayed = _snapshot.Generation;
        return database < 0 || replayed < 0 ? [] : [new Measurement<long>(Math.Max(0, database - replayed))];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        do
        {
            try { await SampleAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _log.LogWarning(ex, "Could not read the statistics generation");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SampleAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        if (await db.Set<StatisticsGeneration>().AnyAsync(ct))
            Interlocked.Exchange(ref _database, await StatisticsJournal.CurrentAsync(db, ct));
    }
}
