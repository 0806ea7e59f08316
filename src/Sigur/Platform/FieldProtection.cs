using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;

namespace Sigur.Platform;

/// <summary>
/// Encryption of sensitive fields at rest, by envelope: each non-empty [Sensitive] string is stored as
/// <c>2:</c> + base64url(field key id ‖ nonce ‖ tag ‖ AES-256-GCM ciphertext), where the field key is 256 random bits
/// kept in <see cref="FieldKey"/> rows sealed by Data Protection — so under the key ring, and through it under the
/// key-encryption key outside the database. An empty value is stored as "" (see <see cref="Protect"/>). Search over
/// names uses keyed HMAC tokens (<see cref="SearchToken"/>), never plaintext.
/// Why not a Data Protection payload per field? Data Protection
/// derives a subkey and builds two cipher contexts for every payload: 12.5 µs a value, most of an import's CPU and
/// tens of microseconds on every case read. A field key is unsealed once per process and AES-GCM costs well under a
/// microsecond for a name.
/// </summary>
public sealed class FieldProtection
{
    /// <summary>Starts every payload; a value without it is not one (nothing else is ever stored in a sensitive field).</summary>
    private const string Envelope = "2:";
    private const int IdSize = 16, NonceSize = 12, TagSize = 16, HeaderSize = IdSize + NonceSize + TagSize;

    /// <summary>
    /// Random 96-bit nonces are safe for 2^32 encryptions under one key (NIST SP 800-38D). The warden makes a new field
    /// key after this many in this process (see <see cref="KeyRingWarden"/>), besides one with every new key-ring key
    /// (some 76 days apart); a whole country's records are tens of millions of values.
    /// </summary>
    public const long EncryptionsPerKey = 1L << 30;

    /// <summary>Past this, encryption stops rather than risk the nonce bound: the warden has not run (it checks every 6 hours).</summary>
    private const long EncryptionsRefused = 1L << 31;

    private readonly Lazy<IDataProtector> _sealer;
    private readonly IServiceScopeFactory? _scopes;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<Guid, byte[]> _keys = new();
    private readonly byte[] _searchKey;
    private volatile CurrentKey? _current;

    private sealed class CurrentKey(Guid id, byte[] key)
    {
        public Guid Id { get; } = id;
        public byte[] Key { get; } = key;
        public long Encryptions;
    }

    /// <param name="scopes">Where field keys are stored (SigurDb); without it (design time) they live in memory only.</param>
    public FieldProtection(IDataProtectionProvider provider, KeyEncryptionKey kek, IServiceScopeFactory? scopes = null, TimeProvider? clock = null)
    {
        // Lazy: the key ring is itself stored through SigurDb, so the protectors must not be built while the context is.
        _sealer = new Lazy<IDataProtector>(() => provider.CreateProtector("Sigur.FieldKeys.v1"));
        _scopes = scopes;
        _clock = clock ?? TimeProvider.System;
        _searchKey = kek.Derive("sigur search index v1");
        AuditChainKey = kek.Derive("sigur audit chain v1");
    }

    /// <summary>
    /// The HMAC key of the audit chain (see <see cref="Audit.AuditEntry.ComputeHash"/>). It lives here because every
    /// SigurDb is bound to this object, and like the search key it comes from the key-encryption key, outside the
    /// database: whoever can write to the database cannot recompute the chain.
    /// </summary>
    public byte[] AuditChainKey { get; }

    /// <summary>The key ring's key that new field keys are sealed under (its current default key).</summary>
    public Guid SealingKeyId => RingKeyOf(_sealer.Value.Protect([0]));

    /// <summary>The field key new values are written under.</summary>
    public Guid CurrentKeyId => (_current ?? throw NoKey()).Id;

    /// <summary>Whether the current field key has been used so often that a new one should be made.</summary>
    public bool CurrentKeyWornOut => _current is { } key && Interlocked.Read(ref key.Encryptions) >= EncryptionsPerKey;

    /// <summary>
    /// Makes sure new values have a field key sealed under the key ring's current key: the newest stored one if it is,
    /// a new one otherwise (first start, or the ring has a new default key). Called at start-up, before anything is
    /// encrypted, and by the warden; never in the middle of a write (on SQLite its INSERT would wait for the write lock).
    /// </summary>
    public void EnsureCurrentKey()
    {
        var ringKey = SealingKeyId;
        var newest = _scopes is null ? null : WithDb(db => db.Set<FieldKey>().AsNoTracking().OrderByDescending(k => k.CreatedAt).FirstOrDefault());
        if (newest is not null && RingKeyOf(Convert.FromBase64String(newest.Sealed)) == ringKey && !CurrentKeyWornOut)
        {
            if (_current?.Id != newest.Id) _current = new CurrentKey(newest.Id, _keys.GetOrAdd(newest.Id, _ => Unseal(newest)));
            return;
        }
        NewKey();
    }

    /// <summary>Makes, stores and starts using a new field key (key rotation, or a worn-out key).</summary>
    public Guid NewKey()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var row = new FieldKey { Id = Guid.CreateVersion7(), Sealed = Convert.ToBase64String(_sealer.Value.Protect(key)), CreatedAt = _clock.GetUtcNow().UtcDateTime };
        if (_scopes is not null)
            WithDb(db =>
            {
                db.Add(row);
                return db.SaveChanges();
            });
        _keys[row.Id] = key;
        _current = new CurrentKey(row.Id, key);
        return row.Id;
    }

    // An empty field is stored empty, not as a payload: a ciphertext of nothing hides nothing (its length already shows
    // that the field is empty). Imported persons have six encrypted fields, mostly empty. A non-empty value is always a
    // payload, so "" can never be mistaken for one.
    public string Protect(string plaintext)
    {
        if (plaintext.Length == 0) return "";
        var key = _current ?? throw NoKey();
        if (Interlocked.Increment(ref key.Encryptions) > EncryptionsRefused)
            throw new InvalidOperationException("The field key is worn out; restart Sigur or run `sigur keys rotate` to make a new one.");
        var plainLength = Encoding.UTF8.GetByteCount(plaintext);
        var rented = HeaderSize + 2 * plainLength > 2048 ? ArrayPool<byte>.Shared.Rent(HeaderSize + 2 * plainLength) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[2048] : rented;
        try
        {
            var plain = buffer.Slice(HeaderSize + plainLength, plainLength);
            Encoding.UTF8.GetBytes(plaintext, plain);
            var payload = buffer[..(HeaderSize + plainLength)];
            key.Id.TryWriteBytes(payload[..IdSize]);
            RandomNumberGenerator.Fill(payload.Slice(IdSize, NonceSize));
            // The key id is the associated data: a payload cannot be passed off as written under another key.
            Cipher(key.Key).Encrypt(payload.Slice(IdSize, NonceSize), plain, payload[HeaderSize..], payload.Slice(IdSize + NonceSize, TagSize), payload[..IdSize]);
            return string.Concat(Envelope, Base64Url.EncodeToString(payload));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    public string Unprotect(string stored)
    {
        if (stored.Length == 0) return "";
        if (!stored.StartsWith(Envelope, StringComparison.Ordinal)) throw NotAPayload();
        var encoded = stored.AsSpan(Envelope.Length);
        var size = Base64Url.GetMaxDecodedLength(encoded.Length);
        var rented = 2 * size > 2048 ? ArrayPool<byte>.Shared.Rent(2 * size) : null;
        Span<byte> buffer = rented is null ? stackalloc byte[2048] : rented;
        try
        {
            if (!Base64Url.TryDecodeFromChars(encoded, buffer[..size], out var written) || written <= HeaderSize)
                throw NotAPayload();
            var payload = buffer[..written];
            var plain = buffer.Slice(size, written - HeaderSize);
            Cipher(KeyOf(new Guid(payload[..IdSize]))).Decrypt(payload.Slice(IdSize, NonceSize), payload[HeaderSize..], payload.Slice(IdSize + NonceSize, TagSize), plain, payload[..IdSize]);
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }

    /// <summary>
    /// A file's bytes (a document), under the same field keys and the same envelope as a string, in binary: the version
    /// byte 2, then field key id ‖ nonce ‖ tag ‖ ciphertext. Empty stays empty.
    /// </summary>
    public byte[] ProtectBytes(byte[] plain)
    {
        if (plain.Length == 0) return [];
        var key = _current ?? throw NoKey();
        if (Interlocked.Increment(ref key.Encryptions) > EncryptionsRefused)
            throw new InvalidOperationException("The field key is worn out; restart Sigur or run `sigur keys rotate` to make a new one.");
        var stored = new byte[1 + HeaderSize + plain.Length];
        stored[0] = BinaryEnvelope;
        var payload = stored.AsSpan(1);
        key.Id.TryWriteBytes(payload[..IdSize]);
        RandomNumberGenerator.Fill(payload.Slice(IdSize, NonceSize));
        Cipher(key.Key).Encrypt(payload.Slice(IdSize, NonceSize), plain, payload[HeaderSize..], payload.Slice(IdSize + NonceSize, TagSize), payload[..IdSize]);
        return stored;
    }

    public byte[] UnprotectBytes(byte[] stored)
    {
        if (stored.Length == 0) return [];
        if (stored[0] != BinaryEnvelope || stored.Length <= 1 + HeaderSize) throw NotAPayload();
        var payload = stored.AsSpan(1);
        var plain = new byte[payload.Length - HeaderSize];
        Cipher(KeyOf(new Guid(payload[..IdSize]))).Decrypt(payload.Slice(IdSize, NonceSize), payload[HeaderSize..], payload.Slice(IdSize + NonceSize, TagSize), plain, payload[..IdSize]);
        return plain;
    }

    private const byte BinaryEnvelope = 2;

    /// <summary>The field key a stored value was written under.</summary>
    public static Guid KeyIdOf(string stored) => stored.StartsWith(Envelope, StringComparison.Ordinal)
        ? new Guid(Base64Url.DecodeFromChars(stored.AsSpan(Envelope.Length)).AsSpan(0, IdSize))
        : throw NotAPayload();

    private static CryptographicException NotAPayload() => new("A stored field is not a valid payload.");

    // A Data Protection payload (a sealed field key): a 4-byte magic header, then the id of the ring key it was sealed under.
    private static Guid RingKeyOf(byte[] payload) => new(payload.AsSpan(4, 16));

    private byte[] KeyOf(Guid id)
    {
        if (_keys.TryGetValue(id, out var key)) return key;
        // A value written under an older key, or by another instance: read its sealed key once.
        var row = _scopes is null ? null : WithDb(db => db.Set<FieldKey>().AsNoTracking().SingleOrDefault(k => k.Id == id));
        if (row is null) throw new CryptographicException("A stored field was written under a field key this database does not have.");
        return _keys.GetOrAdd(id, _ => Unseal(row));
    }

    private byte[] Unseal(FieldKey row) => _sealer.Value.Unprotect(Convert.FromBase64String(row.Sealed));

    // One cipher per thread and key: AesGcm is not thread-safe, and building one (an OpenSSL context) costs more than
    // encrypting a name. Bulk imports encrypt on every core at once.
    [ThreadStatic] private static (byte[] Key, AesGcm Cipher)? t_cipher;

    private static AesGcm Cipher(byte[] key)
    {
        var cached = t_cipher;
        if (cached is { } c && ReferenceEquals(c.Key, key)) return c.Cipher;
        cached?.Cipher.Dispose();
        var cipher = new AesGcm(key, TagSize);
        t_cipher = (key, cipher);
        return cipher;
    }

    private T WithDb<T>(Func<SigurDb, T> action)
    {
        using var scope = _scopes!.CreateScope();
        return action(scope.ServiceProvider.GetRequiredService<SigurDb>());
    }

    private static InvalidOperationException NoKey() =>
        new("No field key yet: KeyRingWarden.EnsureCurrentKey runs at start-up, before anything is encrypted.");

    /// <summary>A deterministic, keyed token for an already-normalised search term: equal terms give equal tokens, and nobody without the key can reverse or test one.</summary>
    public string SearchToken(string normalisedTerm)
    {
        // One keyed HMAC state per thread: the one-shot HMACSHA256.HashData looks the algorithm up in OpenSSL on every
        // call, which costs more than hashing a name, and an import hashes millions of them.
        var hmac = t_searchHmac;
        if (hmac is null || !ReferenceEquals(hmac.Value.Key, _searchKey))
            t_searchHmac = hmac = (_searchKey, IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _searchKey));
        Span<byte> mac = stackalloc byte[32];
        hmac.Value.State.AppendData(Encoding.UTF8.GetBytes(normalisedTerm));
        hmac.Value.State.GetHashAndReset(mac);
        return Convert.ToBase64String(mac[..16]);
    }

    [ThreadStatic] private static (byte[] Key, IncrementalHash State)? t_searchHmac;
}

/// <summary>A field key: 256 random bits for AES-GCM, sealed by Data Protection. Never deleted: old values stay readable.</summary>
public sealed class FieldKey
{
    public Guid Id { get; set; }
    [MaxLength(400)] public string Sealed { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}

/// <summary>Marks a property whose value is encrypted at rest, and the field group it belongs to (for audit and minimisation).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveAttribute(string fieldGroup) : Attribute
{
    public string FieldGroup { get; } = fieldGroup;
}

/// <summary>The field group of a non-encrypted property, for audit records of what changed.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class FieldGroupAttribute(string fieldGroup) : Attribute
{
    public string FieldGroup { get; } = fieldGroup;
}

public static class FieldGroups
{
    public const string Identity = "identity";
    public const string DateOfBirth = "date-of-birth";
    public const string Contact = "contact";
    public const string Documents = "documents";
    public const string Narrative = "narrative";
    public const string Health = "health";
    public const string Location = "location";
    public const string Profile = "profile";
    public const string Exploitation = "exploitation";
    public const string CaseAdministration = "case";
}
