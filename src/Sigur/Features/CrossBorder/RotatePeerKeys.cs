using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// A peer rotated its keys: the coordinator registers the new public key(s); the old ones stay valid for the overlap,
/// so packages already on their way (signed or encrypted with the old keys) are still accepted.
/// </summary>
public static class RotatePeerKeys
{
    public const string Policy = Policies.CrossBorder;

    public sealed record Request(long Version, string? SigningKey, string? EncryptionKey, int OverlapDays = 14);

    public static async Task<Results<Ok<PeerView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var peer = await db.Set<Peer>().Include(p => p.Keys).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (peer is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        var signing = request.SigningKey is null ? null : InstanceKeys.ParsePublicJwk(request.SigningKey);
        var encryption = request.EncryptionKey is null ? null : InstanceKeys.ParsePublicJwk(request.EncryptionKey);
        if (request.SigningKey is null && request.EncryptionKey is null) errors["signingKey"] = ["Give a new signing key, encryption key or both."];
        if (request.SigningKey is not null && signing is null) errors["signingKey"] = ["A P-256 public key as JWK."];
        if (request.EncryptionKey is not null && encryption is null) errors["encryptionKey"] = ["A P-256 public key as JWK."];
        if (request.OverlapDays is < 0 or > 90) errors["overlapDays"] = ["Between 0 and 90 days."];
        var known = peer.Keys.Select(k => k.Kid).ToHashSet();
        foreach (var (field, key) in new[] { ("signingKey", signing), ("encryptionKey", encryption) })
            if (key is { } k && known.Contains(InstanceKeys.Thumbprint(k))) errors[field] = ["This key is already registered for the peer."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (peer.Version != request.Version) return Problems.Conflict();

        foreach (var (use, key) in new[] { (KeyUse.Signing, signing), (KeyUse.Encryption, encryption) })
        {
            if (key is not { } p) continue;
            foreach (var old in peer.Keys.Where(k => k.Use == use && k.IsValidAt(now))) old.ValidUntil = now.AddDays(request.OverlapDays);
            var fresh = RegisterPeer.Key(peer, use, p, now);
            peer.Keys.Add(fresh);
            db.Add(fresh);
        }
        db.Entry(peer).Property(p => p.Version).IsModified = true; // a new version for the change of keys, checked against the one read
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(PeerView.From(peer));
    }
}
