using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Sigur.Platform;

/// <summary>
/// Encryption of sensitive fields at rest. Each [Sensitive] string property is stored as a Data Protection payload
/// (authenticated encryption under the current key of the key ring), an empty value as "" (see <see cref="Protect"/>);
/// search over names uses keyed HMAC tokens
/// (<see cref="SearchToken"/>), never plaintext.
/// </summary>
public sealed class FieldProtection
{
    private readonly Lazy<IDataProtector> _protector;
    private readonly byte[] _searchKey;

    public FieldProtection(IDataProtectionProvider provider, KeyEncryptionKey kek)
    {
        // Lazy: the key ring is itself stored through SigurDb, so the protector must not be built while the context is.
        _protector = new Lazy<IDataProtector>(() => provider.CreateProtector("Sigur.Fields.v1"));
        _searchKey = kek.Derive("sigur search index v1");
    }

    // An empty field is stored empty, not as a payload: a ciphertext of nothing hides nothing (its length already shows
    // that the field is empty) and costs a key derivation and two MACs per field. Imported persons have six encrypted
    // fields, mostly empty. A non-empty value is always a payload, so "" can never be mistaken for one.
    public string Protect(string plaintext) => plaintext.Length == 0 ? "" : _protector.Value.Protect(plaintext);

    public string Unprotect(string stored) => stored.Length == 0 ? "" : _protector.Value.Unprotect(stored);

    /// <summary>The key id a stored payload was written under (bytes 4..20 of a Data Protection payload).</summary>
    public static Guid KeyIdOf(string stored)
    {
        var bytes = WebEncoders.Base64UrlDecode(stored);
        return new Guid(bytes.AsSpan(4, 16));
    }

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

    public ValueConverter<string, string> Converter() =>
        new(v => Protect(v), v => Unprotect(v));
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
