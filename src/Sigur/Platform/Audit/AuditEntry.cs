using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sigur.Platform.Audit;

public static class AuditActions
{
    public const string Read = "read";
    public const string List = "list";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Export = "export";
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignOut = "sign-out";
    /// <summary>Refused (401/403), or a probe: a record outside the user's scope (answered 404), a break-glass on a reference that does not exist.</summary>
    public const string Denied = "denied";
    public const string BreakGlass = "break-glass";
    public const string KeyRotation = "key-rotation";
}

/// <summary>
/// One row of the append-only, hash-chained audit log: who (user, organisation, role, address), what (action,
/// record type and ids, field groups — never values), why (reason), when. <see cref="Hash"/> is HMAC-SHA-256, under a
/// key derived from the key-encryption key (never in the database), over the previous row's hash and this row, so an
/// edited or removed row breaks the chain at that row and nobody without the key can mend it.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, assigned when the row is appended; gapless.</summary>
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public Guid? UserId { get; set; }
    public Guid? OrganisationId { get; set; }
    public string? Role { get; set; }
    public required string Action { get; set; }
    public string? RecordType { get; set; }
    /// <summary>Identifiers of the records read or changed, space-separated (a list page records every record it showed).</summary>
    public string? RecordIds { get; set; }
    public string? FieldGroups { get; set; }
    public string? Reason { get; set; }
    public string? Address { get; set; }
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";

    public string ComputeHash(byte[] key)
    {
        var canonical = string.Join('\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture),
            UserId?.ToString() ?? "", OrganisationId?.ToString() ?? "", Role ?? "", Action,
            RecordType ?? "", RecordIds ?? "", FieldGroups ?? "", Reason ?? "", Address ?? "", PreviousHash);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(canonical)));
    }
}

/// <summary>The single row that holds the end of the chain; appending locks it, so the chain has one order.</summary>
public sealed class AuditChainHead
{
    public int Id { get; set; } = 1;
    public long Sequence { get; set; }
    public string Hash { get; set; } = GenesisHash;

    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";
}
