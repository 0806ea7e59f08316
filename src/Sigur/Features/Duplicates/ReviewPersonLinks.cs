using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Matching;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Duplicates;

/// <summary>
/// The review queue of persons that two organisations hold and the scan (<see cref="PersonScan"/>) judged to be
/// one human being. Only the national coordinator's data-protection officer sees it, and sees only what deciding
/// needs: each side's name as a matching key (Latin, folded, tokens sorted, so that scripts and diacritics do not get
/// in the way), the year of birth and how the full dates compare (never the dates), sex, citizenships, and the type of
/// the holding organisation (not its name, not a case, not a narrative). Confirming a pair makes statistics count one
/// person; it gives neither organisation any access to the other's record (the link is not part of any query filter).
/// Rejecting keeps the pair out of every later scan.
/// </summary>
public static class ReviewPersonLinks
{
    public const string Policy = Policies.DataProtection;

    public const int PageSize = 100;

    public sealed record Side(string NameKey, int? BirthYear, Cases.Sex Sex, IReadOnlyList<string> Citizenships, OrganisationType OrganisationType);

    public sealed record Pair(Guid Id, long Version, double Score, Side A, Side B, DateAgreement BirthDates);

    public sealed record Response(IReadOnlyList<Pair> Pairs, int Waiting);

    public sealed record Decision(long Version);

    public sealed record LinkView(Guid Id, bool Confirmed, bool Rejected, long Version);

    public static async Task<Ok<Response>> List(SigurDb db, Audit audit, CancellationToken ct)
    {
        var waiting = db.Set<PersonLink>().AsNoTracking().Where(l => !l.Confirmed && !l.Rejected);
        var count = await waiting.CountAsync(ct);
        var links = await waiting.OrderByDescending(l => l.Score).ThenBy(l => l.Id).Take(PageSize).ToListAsync(ct);
        var ids = links.SelectMany(l => new[] { l.PersonAId, l.PersonBId }).Distinct().ToList();
        // The reviewer belongs to no organisation that holds these persons: read across the filter, only these columns.
        var persons = await db.Persons.IgnoreQueryFilters().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id,
                (p, o) => new { p.Id, p.GivenName, p.FamilyName, p.DateOfBirth, p.Sex, p.Citizenships, o.Type })
            .ToDictionaryAsync(p => p.Id, ct);
        var pairs = new List<Pair>();
        foreach (var l in links)
        {
            if (!persons.TryGetValue(l.PersonAId, out var a) || !persons.TryGetValue(l.PersonBId, out var b)) continue;
            var dateA = BirthDate.Parse(a.DateOfBirth);
            var dateB = BirthDate.Parse(b.DateOfBirth);
            Side SideOf(string given, string family, BirthDate date, Cases.Sex sex, List<string> citizenships, OrganisationType type) =>
                new(NameKey.For($"{given} {family}"), date.Year == 0 ? null : date.Year, sex, citizenships, type);
            pairs.Add(new Pair(l.Id, l.Version, l.Score,
                SideOf(a.GivenName, a.FamilyName, dateA, a.Sex, a.Citizenships, a.Type),
                SideOf(b.GivenName, b.FamilyName, dateB, b.Sex, b.Citizenships, b.Type),
                BirthDateComparison.Compare(dateA, dateB)));
        }
        await audit.ListAsync(nameof(PersonLink), pairs.Select(p => p.Id), FieldGroups.Identity, FieldGroups.DateOfBirth, FieldGroups.Profile);
        return TypedResults.Ok(new Response(pairs, count));
    }

    public static Task<Results<Ok<LinkView>, ProblemHttpResult>> Confirm(Guid id, Decision request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct) =>
        DecideAsync(id, request, confirm: true, db, user, audit, clock, ct);

    public static Task<Results<Ok<LinkView>, ProblemHttpResult>> Reject(Guid id, Decision request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct) =>
        DecideAsync(id, request, confirm: false, db, user, audit, clock, ct);

    private static async Task<Results<Ok<LinkView>, ProblemHttpResult>> DecideAsync(Guid id, Decision request, bool confirm, SigurDb db, CurrentUser user, Audit audit,
        TimeProvider clock, CancellationToken ct)
    {
        var link = await db.Set<PersonLink>().SingleOrDefaultAsync(l => l.Id == id, ct);
        if (link is null) return Problems.NotFound();
        if (link.Confirmed || link.Rejected) return Problems.Conflict("This pair has already been decided.");
        if (link.Version != request.Version) return Problems.Conflict();
        var now = clock.GetUtcNow().UtcDateTime;
        if (confirm)
        {
            link.Confirmed = true;
            link.ConfirmedAt = now;
            link.ConfirmedBy = user.UserId;
        }
        else
        {
            link.Rejected = true;
            link.RejectedAt = now;
            link.RejectedBy = user.UserId;
        }
        link.Version++;
        db.Entry(link).Property(l => l.Version).OriginalValue = request.Version;
        db.AuditWithNextSave(audit.New(confirm ? AuditAction.ConfirmPersonLink : AuditAction.RejectPersonLink, nameof(PersonLink), link.Id.ToString(), [], null));
        try
        {
            await db.SaveChangesAsync(ct); // UPDATE … WHERE version = @seen: of two reviewers deciding at once, one wins
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(new LinkView(link.Id, link.Confirmed, link.Rejected, link.Version));
    }

    /// <summary>Starts a scan in the background unless one is running; answers its status either way.</summary>
    public static Accepted<PersonScanProgress.Status> StartScan(PersonScanProgress progress, IServiceProvider services, TimeProvider clock, CurrentUser user,
        IHostApplicationLifetime lifetime, ILogger<PersonScanProgress> log)
    {
        if (progress.TryStart(clock.GetUtcNow().UtcDateTime))
        {
            var root = services.GetRequiredService<IServiceScopeFactory>();
            var requestedBy = user.UserId;
            _ = Task.Run(() => progress.RunStartedAsync(new ScopeFactoryServices(root), clock, requestedBy, log, lifetime.ApplicationStopping));
        }
        return TypedResults.Accepted("/api/v1/person-links/scan", progress.Current);
    }

    public static Ok<PersonScanProgress.Status> ScanStatus(PersonScanProgress progress) => TypedResults.Ok(progress.Current);

    /// <summary>Hands the background scan the application's scope factory, not the request's (which ends with the request).</summary>
    private sealed class ScopeFactoryServices(IServiceScopeFactory factory) : IServiceProvider, IServiceScopeFactory
    {
        public object? GetService(Type serviceType) => serviceType == typeof(IServiceScopeFactory) ? this : null;
        public IServiceScope CreateScope() => factory.CreateScope();
    }
}
