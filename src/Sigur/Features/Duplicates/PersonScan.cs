using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Matching;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Duplicates;

/// <summary>
/// The scan for the same person held by two organisations: every person's names, date of birth, sex and
/// citizenship are decrypted in memory (never logged, never written anywhere), run through
/// <see cref="RecordLinkage.Deduplicate"/> (blocking, Fellegi–Sunter with m/u by EM, clustering), and each pair
/// whose two persons belong to different organisations becomes a proposed <see cref="PersonLink"/> for the
/// data-protection officer's review queue — unless the pair was ever proposed before, whatever was decided.
/// One scan runs at a time; its progress is in <see cref="PersonScanProgress"/>.
/// </summary>
public static class PersonScan
{
    public sealed record Outcome(int Persons, int CandidatePairs, int Proposed);


    public static async Task<Outcome> RunAsync(IServiceProvider services, PersonScanProgress progress, Guid? requestedBy, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var writer = scope.ServiceProvider.GetRequiredService<AuditWriter>();

        progress.Report("reading persons", 0, 1);
        // The scan is the system, across organisations; what leaves it is pairs of ids for one reviewer.
        var persons = await db.Persons.IgnoreQueryFilters().AsNoTracking().Where(p => p.MergedIntoId == null)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.OrganisationId, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Citizenships })
            .ToListAsync(ct);
        var records = new List<PersonRecord>(persons.Count);
        for (var i = 0; i < persons.Count; i++)
        {
            var p = persons[i];
            records.Add(new PersonRecord(i.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                [FieldRole.GivenName] = p.GivenName,
                [FieldRole.Surname] = p.FamilyName,
                [FieldRole.BirthDate] = p.DateOfBirth,
                [FieldRole.Sex] = p.Sex switch { Cases.Sex.Female => "f", Cases.Sex.Male => "m", _ => null },
                [FieldRole.Citizenship] = p.Citizenships.Count == 0 ? null : p.Citizenships[0],
            });
            if (i % 10_000 == 0) progress.Report("reading persons", i, persons.Count);
        }

        var candidates = new List<(Guid A, Guid B, double Score)>();
        if (records.Count >= 2)
        {
            var settings = new MatchSettings { Progress = progress.Report };
            var (pairs, _) = RecordLinkage.Deduplicate(records, settings);
            foreach (var pair in pairs)
            {
                var a = persons[int.Parse(pair.Id1, System.Globalization.CultureInfo.InvariantCulture)];
                var b = persons[int.Parse(pair.Id2, System.Globalization.CultureInfo.InvariantCulture)];
                if (a.OrganisationId == b.OrganisationId) continue; // within one organisation, its own workers merge
                candidates.Add(a.Id.CompareTo(b.Id) < 0 ? (a.Id, b.Id, pair.Score) : (b.Id, a.Id, pair.Score));
            }
        }
        var personCount = persons.Count;
        records.Clear();
        persons.Clear();

        progress.Report("queueing pairs", 0, candidates.Count);
        var known = (await db.Set<PersonLink>().AsNoTracking().Select(l => new { l.PersonAId, l.PersonBId }).ToListAsync(ct))
            .SelectMany(l => new[] { (l.PersonAId, l.PersonBId), (l.PersonBId, l.PersonAId) }).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var proposed = 0;
        foreach (var (a, b, score) in candidates)
        {
            if (!known.Add((a, b))) continue;
            known.Add((b, a));
            db.Add(new PersonLink { PersonAId = a, PersonBId = b, Score = Math.Round(score, 4), CreatedAt = now });
            proposed++;
            if (proposed % 500 == 0) await db.SaveChangesAsync(ct);
        }
        await db.SaveChangesAsync(ct);
        await writer.AppendAsync(new AuditEntry
        {
            At = now, UserId = requestedBy, Action = AuditAction.DuplicateScan.Text(), RecordType = nameof(PersonLink),
            Reason = $"{candidates.Count} cross-organisation pairs, {proposed} newly proposed",
        });
        return new Outcome(personCount, candidates.Count, proposed);
    }
}

/// <summary>
/// Where the running scan is, for the review page (which refreshes itself while a scan runs, without JavaScript),
/// the status endpoint and the command line. One per process; it also makes sure only one scan runs at a time.
/// </summary>
public sealed class PersonScanProgress
{
    private readonly Lock _gate = new();
    private int _running;

    public sealed record Status(bool Running, string Stage, long Done, long Total, DateTime? StartedAt, DateTime? FinishedAt, int? Proposed, bool Failed)
    {
        public int Percent => Total <= 0 ? 0 : (int)Math.Clamp(Done * 100 / Total, 0, 100);
    }

    private Status _status = new(false, "", 0, 0, null, null, null, false);

    public Status Current { get { lock (_gate) return _status; } }

    /// <summary>Claims the scan; false when one is already running.</summary>
    public bool TryStart(DateTime now)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0) return false;
        lock (_gate) _status = new Status(true, "starting", 0, 1, now, null, null, false);
        return true;
    }

    /// <summary>Called from the engine's worker threads: cheap and thread-safe.</summary>
    public void Report(string stage, long done, long total)
    {
        lock (_gate) _status = _status with { Stage = stage, Done = done, Total = total };
    }

    public void Finish(DateTime now, int? proposed, bool failed)
    {
        lock (_gate) _status = _status with { Running = false, Stage = failed ? "failed" : "done", FinishedAt = now, Proposed = proposed, Failed = failed, Done = 1, Total = 1 };
        Interlocked.Exchange(ref _running, 0);
    }

    /// <summary>Runs a scan unless one is running; exceptions are logged by type only (a message could carry a value).</summary>
    public async Task<PersonScan.Outcome?> RunAsync(IServiceProvider services, TimeProvider clock, Guid? requestedBy, ILogger log, CancellationToken ct) =>
        TryStart(clock.GetUtcNow().UtcDateTime) ? await RunStartedAsync(services, clock, requestedBy, log, ct) : null;

    /// <summary>Runs the scan claimed by <see cref="TryStart"/>.</summary>
    public async Task<PersonScan.Outcome?> RunStartedAsync(IServiceProvider services, TimeProvider clock, Guid? requestedBy, ILogger log, CancellationToken ct)
    {
        try
        {
            var outcome = await PersonScan.RunAsync(services, this, requestedBy, ct);
            Finish(clock.GetUtcNow().UtcDateTime, outcome.Proposed, failed: false);
            log.LogInformation("Duplicate scan proposed {Proposed} pairs out of {Pairs} across organisations", outcome.Proposed, outcome.CandidatePairs);
            return outcome;
        }
        catch (Exception e)
        {
            Finish(clock.GetUtcNow().UtcDateTime, null, failed: true);
            log.LogError("Duplicate scan failed: {Error}", e.GetType().Name);
            if (e is OperationCanceledException) throw;
            return null;
        }
    }
}

/// <summary>The section "Duplicates".</summary>
public sealed class DuplicatesSettings
{
    /// <summary>The hour (UTC) of the nightly cross-organisation scan; below 0: never (the tests start it themselves).</summary>
    [System.ComponentModel.DataAnnotations.Range(int.MinValue, 23, ErrorMessage = "an hour from 0 to 23, or below 0 for never")]
    public int ScanHourUtc { get; set; } = 2;
}

/// <summary>Runs the scan every night at <see cref="DuplicatesSettings.ScanHourUtc"/>.</summary>
public sealed class NightlyPersonScan(IServiceProvider services, PersonScanProgress progress, TimeProvider clock, DuplicatesSettings settings, ILogger<NightlyPersonScan> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var hour = settings.ScanHourUtc;
        if (hour < 0) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(UntilNext(clock.GetUtcNow(), hour), clock, stoppingToken);
            await progress.RunAsync(services, clock, null, log, stoppingToken);
        }
    }

    public static TimeSpan UntilNext(DateTimeOffset now, int hour)
    {
        var next = new DateTimeOffset(now.UtcDateTime.Date.AddHours(hour), TimeSpan.Zero);
        if (next <= now) next = next.AddDays(1);
        return next - now;
    }
}
