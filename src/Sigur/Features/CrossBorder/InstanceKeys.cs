using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// One of this instance's own key pairs (P-256): the signing key signs every package and receipt, the encryption key
/// opens what peers encrypt to it. The private half is sealed by the key-encryption key, so a copy of the database
/// alone signs and opens nothing. A rotation keeps the old pair until <see cref="ValidUntil"/>: peers that still
/// encrypt to it are understood during the overlap.
/// </summary>
public sealed class InstanceKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public KeyUse Use { get; set; }
    public required string Kid { get; set; }
    public required string PublicJwk { get; set; }
    public required byte[] SealedPrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ValidUntil { get; set; }

    public bool IsValidAt(DateTime now) => CreatedAt <= now && (ValidUntil is null || ValidUntil > now);
}

/// <summary>Creating, rotating and opening this instance's key pairs, and the JWK form of public keys (RFC 7517, 7638).</summary>
public static class InstanceKeys
{
    private const string SealPurpose = "sigur trm key v1";

    /// <summary>The current pair of each use, made on first need (or by <c>sigur peers keys</c>).</summary>
    public static async Task<IReadOnlyList<InstanceKey>> EnsureAsync(SigurDb db, KeyEncryptionKey kek, DateTime now, CancellationToken ct)
    {
        var keys = await db.Set<InstanceKey>().AsNoTracking().ToListAsync(ct);
        var current = new List<InstanceKey>();
        var made = new List<InstanceKey>();
        foreach (var use in Enum.GetValues<KeyUse>())
        {
            var key = keys.Where(k => k.Use == use && k.ValidUntil is null).OrderByDescending(k => k.CreatedAt).FirstOrDefault();
            if (key is null)
            {
                key = New(use, kek, now);
                made.Add(key);
            }
            current.Add(key);
        }
        if (made.Count == 0) return current;
        db.AddRange(made);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another request made them first: use theirs.
            foreach (var key in made) db.Entry(key).State = EntityState.Detached;
            return await EnsureAsync(db, kek, now, ct);
        }
        foreach (var key in made) db.Entry(key).State = EntityState.Detached;
        return current;
    }

    /// <summary>New pairs for both uses; the old ones stay valid for <paramref name="overlap"/>.</summary>
    public static async Task<IReadOnlyList<InstanceKey>> RotateAsync(SigurDb db, KeyEncryptionKey kek, DateTime now, TimeSpan overlap, CancellationToken ct)
    {
        foreach (var old in await db.Set<InstanceKey>().Where(k => k.ValidUntil == null).ToListAsync(ct)) old.ValidUntil = now + overlap;
        var fresh = Enum.GetValues<KeyUse>().Select(use => New(use, kek, now)).ToList();
        db.AddRange(fresh);
        await db.SaveChangesAsync(ct);
        return fresh;
    }

    private static InstanceKey New(KeyUse use, KeyEncryptionKey kek, DateTime now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(false);
        return new InstanceKey
        {
            Use = use,
            Kid = Thumbprint(parameters),
            PublicJwk = PublicJwk(parameters, use),
            SealedPrivateKey = kek.Seal(key.ExportPkcs8PrivateKey(), SealPurpose),
            CreatedAt = now,
        };
    }

    /// <summary>The private key, opened with the key-encryption key; the caller disposes it.</summary>
    public static ECDsa Open(InstanceKey key, KeyEncryptionKey kek)
    {
        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(kek.Open(key.SealedPrivateKey, SealPurpose), out _);
        return ecdsa;
    }

    /// <summary>The public JWK: the thumbprint's members in its order, then use and kid.</summary>
    public static string PublicJwk(ECParameters p, KeyUse use) => JsonSerializer.Serialize(new Dictionary<string, string>
    {
        ["crv"] = "P-256", ["kty"] = "EC", ["x"] = Base64Url.EncodeToString(p.Q.X), ["y"] = Base64Url.EncodeToString(p.Q.Y),
        ["use"] = use == KeyUse.Signing ? "sig" : "enc", ["kid"] = Thumbprint(p),
    });

    /// <summary>The JWK thumbprint of RFC 7638: SHA-256 of the required members, sorted, without white space.</summary>
    public static string Thumbprint(ECParameters p) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(
        $$"""{"crv":"P-256","kty":"EC","x":"{{Base64Url.EncodeToString(p.Q.X)}}","y":"{{Base64Url.EncodeToString(p.Q.Y)}}"}""")));

    /// <summary>
    /// A peer's public key from its JWK, or null when it is not a P-256 public key (a private member, another curve, a
    /// point off the curve): whatever a coordinator pastes is checked before it is trusted.
    /// </summary>
    public static ECParameters? ParsePublicJwk(string? json)
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > 2000) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || root.TryGetProperty("d", out _)) return null;
            if (Member(root, "kty") != "EC" || Member(root, "crv") != "P-256") return null;
            var p = new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64Url.DecodeFromChars(Member(root, "x")), Y = Base64Url.DecodeFromChars(Member(root, "y")) },
            };
            if (p.Q.X!.Length != 32 || p.Q.Y!.Length != 32) return null;
            using var check = ECDsa.Create(p); // refuses a point that is not on the curve
            return p;
        }
        catch (Exception e) when (e is JsonException or FormatException or CryptographicException or InvalidOperationException) { return null; }
    }

    public static ECDsa PublicKey(string jwk) => ECDsa.Create(ParsePublicJwk(jwk) ?? throw new CryptographicException("Not a P-256 public key."));

    private static string Member(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}
