using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// The packages in and out, newest first, with status, age, attempts and the last error: what the coordinator's
/// office watches to see that the exchange works. Headers only: the content is sealed in the outbox and applied
/// from the inbox, never listed.
/// </summary>
public static class ListPackages
{
    public const string Policy = Policies.CrossBorder;

    public sealed record Item(Guid Id, PackageDirection Direction, string Country, Guid? MessageId, Guid? ConversationId, long Sequence, TrmPhase? Service,
        TrmAction? Action, string Status, DateTime At, int Attempts, DateTime? NextAttemptAt, string Error);

    public sealed record Response(IReadOnlyList<Item> Outgoing, IReadOnlyList<Item> Incoming, int Stuck);

    public enum PackageDirection { Out, In }

    /// <summary>A pending package older than this is stuck: the page and the count say so.</summary>
    public static readonly TimeSpan StuckAfter = TimeSpan.FromHours(1);

    public static async Task<Ok<Response>> Handle(SigurDb db, TimeProvider clock, CancellationToken ct, int take = 200)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var countries = await db.Set<Peer>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Country, ct);
        var outgoing = await db.Set<OutgoingPackage>().AsNoTracking().OrderByDescending(p => p.CreatedAt).Take(take)
            .Select(p => new { p.Id, p.PeerId, p.ConversationId, p.Sequence, p.Service, p.Action, p.Status, p.CreatedAt, p.Attempts, p.NextAttemptAt, p.LastError })
            .ToListAsync(ct);
        var incoming = await db.Set<IncomingPackage>().AsNoTracking().OrderByDescending(p => p.ReceivedAt).Take(take).ToListAsync(ct);
        var stuckBefore = now - StuckAfter;
        var stuck = await db.Set<OutgoingPackage>().CountAsync(p => p.Status == OutgoingStatus.Pending && p.CreatedAt < stuckBefore, ct);
        return TypedResults.Ok(new Response(
            [.. outgoing.Select(p => new Item(p.Id, PackageDirection.Out, countries.GetValueOrDefault(p.PeerId, "–"), p.Id, p.ConversationId, p.Sequence, p.Service,
                p.Action, p.Status.ToString(), p.CreatedAt, p.Attempts, p.Status == OutgoingStatus.Pending ? p.NextAttemptAt : null, p.LastError))],
            [.. incoming.Select(p => new Item(p.Id, PackageDirection.In, p.PeerId is { } peer ? countries.GetValueOrDefault(peer, "–") : "–", p.MessageId,
                p.ConversationId, p.Sequence, p.Service, p.Action, p.Status.ToString(), p.ReceivedAt, 1, null, p.Error))],
            stuck));
    }
}
