using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Sigur.Platform.Audit;

/// <summary>
/// Every action the audit log records, in one list. The column holds <see cref="AuditActionText.Text"/> — the name in
/// kebab case ("sign-in-failed", "merge-persons") — so the stored rows, their hashes and whoever reads them stay as
/// they were; <see cref="AuditEntry.Action"/> stays a string so that <c>audit verify</c> can name a row whose action
/// was edited into anything at all.
/// </summary>
public enum AuditAction
{
    Read,
    List,
    Create,
    Update,
    Delete,
    Export,
    SignIn,
    SignInFailed,
    SignOut,
    /// <summary>Refused (401/403), or a probe: a record outside the user's scope (answered 404), a break-glass on a reference that does not exist.</summary>
    Denied,
    BreakGlass,
    KeyRotation,
    /// <summary>The nightly (or on-demand) cross-organisation duplicate scan.</summary>
    DuplicateScan,
    MergePersons,
    UnmergePersons,
    ConfirmPersonLink,
    RejectPersonLink,
    /// <summary>A disclosure without consent (life in danger, child protection).</summary>
    DisclosureOverride,
    OverrideApproved,
    OverrideRejected,
    /// <summary>A fund officer approves a disbursement (four eyes).</summary>
    Approve,
    /// <summary>A fund officer rejects a disbursement.</summary>
    Reject,
    /// <summary>An administrator (or `sigur admin reset`) gives an account a new one-time password.</summary>
    ResetPassword,
    /// <summary>An administrator removes an account's authenticator, for the user to enrol a new one.</summary>
    ResetAuthenticator,
    /// <summary>An administrator changes an account's role or organisation.</summary>
    ChangeRole,
    /// <summary>A user signs out their other sessions.</summary>
    EndSessions,
}

public static class AuditActionText
{
    private static readonly string[] Texts = [.. Enum.GetValues<AuditAction>().Select(Kebab)];

    /// <summary>The stored form of an action: its name in kebab case.</summary>
    public static string Text(this AuditAction action) => Texts[(int)action];

    /// <summary>Every action's stored form, in the enumeration's order (the audit page's filter).</summary>
    public static IReadOnlyList<string> All => Texts;

    private static string Kebab(AuditAction action)
    {
        var name = action.ToString();
        var text = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append('-');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
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
