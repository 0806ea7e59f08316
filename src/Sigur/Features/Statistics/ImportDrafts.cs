using System.Collections.Concurrent;
using System.Security.Claims;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>
/// An uploaded file on its way through the import page: its rows, the layout and column mapping chosen, and the last
/// check or import with its progress and report. Kept in memory only, for its uploader alone, and forgotten after
/// <see cref="ImportDrafts.Lifetime"/> or at the next upload: the rows hold names and dates of birth, which must not
/// lie about on a disk unencrypted. (One instance serves a draft: behind a load balancer, keep sessions sticky.)
/// </summary>
public sealed class ImportDraft
{
    public Guid Id { get; } = Guid.NewGuid();
    public required Guid UserId { get; init; }
    public required Guid OrganisationId { get; init; }
    public required string FileName { get; init; }
    public required List<string[]> Records { get; init; }
    public ImportCases.Layout Layout { get; set; }
    public Dictionary<string, string> Mapping { get; set; } = new(StringComparer.Ordinal);
    public DateTime TouchedAt { get; set; }

    public IReadOnlyList<string> Header => Records.Count > 0 ? [.. Records[0].Select(h => h.Trim())] : [];
    public int Rows => Math.Max(Records.Count - 1, 0);

    // The run under way or last finished (a check or the import); read by the page while a background task writes it.
    private volatile Run? _run;
    public Run? Last => _run;

    public sealed class Run(bool dryRun, int total)
    {
        private int _done;
        public bool DryRun { get; } = dryRun;
        public int Total { get; } = total;
        public int Done => Volatile.Read(ref _done);
        public int Percent => Total == 0 ? 100 : Math.Clamp((int)(100L * Done / Total), 0, 100);
        public volatile ImportCases.Result? Result;
        public volatile bool Failed;
        public bool Finished => Result is not null || Failed;
        internal void Report(int done) => Volatile.Write(ref _done, done);
    }

    internal bool TryStart(bool dryRun, out Run run)
    {
        run = new Run(dryRun, Rows);
        var current = _run;
        if (current is { Finished: false }) return false;
        return Interlocked.CompareExchange(ref _run, run, current) == current;
    }
}

/// <summary>The import drafts of this instance, each reachable only by its uploader.</summary>
public sealed class ImportDrafts(TimeProvider clock, IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<ImportDrafts> log)
{
    /// <summary>The largest file the page takes (the command line has no limit).</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private readonly ConcurrentDictionary<Guid, ImportDraft> _drafts = new();

    public void Add(ImportDraft draft)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // One draft per user, and none older than its lifetime: a new upload forgets the previous one unless it runs.
        foreach (var old in _drafts.Values.Where(d => (d.UserId == draft.UserId && d.Last is not { Finished: false }) || now - d.TouchedAt > Lifetime))
            _drafts.TryRemove(old.Id, out _);
        draft.TouchedAt = now;
        _drafts[draft.Id] = draft;
    }

    /// <summary>The user's own draft, or null (another user's draft is as absent as a missing one).</summary>
    public ImportDraft? Find(Guid id, CurrentUser user)
    {
        if (!_drafts.TryGetValue(id, out var draft) || draft.UserId != user.UserId || draft.OrganisationId != user.OrganisationId) return null;
        draft.TouchedAt = clock.GetUtcNow().UtcDateTime;
        return draft;
    }

    /// <summary>
    /// Checks (<paramref name="dryRun"/>) or imports the draft's rows in the background, as the signed-in user (the
    /// audit names them), through <see cref="ImportCases.RunAsync"/>: the same all-or-nothing import as `sigur import`.
    /// False when a run of this draft is still under way.
    /// </summary>
    public bool Start(ImportDraft draft, bool dryRun, ClaimsPrincipal principal, string? address)
    {
        if (!draft.TryStart(dryRun, out var run)) return false;
        var options = new ImportCases.Options(draft.Layout, draft.OrganisationId, dryRun, new Dictionary<string, string>(draft.Mapping, StringComparer.Ordinal));
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().SetFrom(principal, address);
                run.Result = await ImportCases.RunAsync(scope.ServiceProvider, draft.Records, options, new Progress(run), lifetime.ApplicationStopping);
            }
            catch (Exception e)
            {
                run.Failed = true;
                log.LogError("Import from the page failed: {Error}", e.GetType().Name);
            }
        });
        return true;
    }

    // Progress<T> would post to a synchronisation context; the page only reads the latest figure.
    private sealed class Progress(ImportDraft.Run run) : IProgress<int>
    {
        public void Report(int value) => run.Report(value);
    }
}
