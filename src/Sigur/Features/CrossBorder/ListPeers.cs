using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>The registered peers with their keys' fingerprints and validity; and this instance's own public keys.</summary>
public static class ListPeers
{
    public const string Policy = Policies.CrossBorder;

    public static async Task<Ok<List<PeerView>>> Handle(SigurDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<Peer>().AsNoTracking().Include(p => p.Keys).OrderBy(p => p.Country).ToListAsync(ct)).Select(PeerView.From).ToList());

    /// <summary>This instance's public keys (made on first need), for the coordinators of peers to register after comparing fingerprints.</summary>
    public static async Task<Ok<List<OwnKeyView>>> OwnKeys(SigurDb db, KeyEncryptionKey kek, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await InstanceKeys.EnsureAsync(db, kek, now, ct);
        var keys = await db.Set<InstanceKey>().AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(keys.Where(k => k.IsValidAt(now)).Select(OwnKeyView.From).ToList());
    }
}
