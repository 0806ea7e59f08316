using Base64Url = System.Buffers.Text.Base64Url;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Jose;
using Sigur.Features.Cases;
using Sigur.Features.Referrals;
using Sigur.Platform.Access;

namespace Sigur.Features.CrossBorder;

/// <summary>The TRM phases of the ICMPD guidelines: the ebMS service of a package.</summary>
public enum TrmPhase { Identification, FirstAssistance, LongTermAssistance, ReturnAndInclusion, Proceedings }

/// <summary>The ebMS action of a package; a notice goes to every peer and belongs to no case.</summary>
public enum TrmAction { Refer, Accept, Decline, FollowUp, Close, Notice }

/// <summary>
/// The header of a package, after the ebMS 3 / AS4 user message (eDelivery profile): MessageInfo (message id, time,
/// the message it answers), PartyInfo (from and to: ISO country codes), CollaborationInfo (service = the TRM phase,
/// action, conversation id = the cross-border case) and the consent that lets the content leave. Sequence keeps the
/// order within a conversation; Expires bounds how long a package may be replayed or delivered.
/// </summary>
public sealed record PackageHeader(
    Guid MessageId, Guid ConversationId, Guid? RefToMessageId, string From, string To, TrmPhase Service, TrmAction Action,
    Guid? ConsentId, string SchemaVersion, DateTime Timestamp, DateTime Expires, long Sequence);

/// <summary>The signed payload: the header and, by action, the content.</summary>
public sealed record PackagePayload(PackageHeader Header, ReferralContent? Referral = null, AnswerContent? Answer = null, NoticeContent? Notice = null);

/// <summary>
/// What a referral carries: never more than the consent's data groups allow (<see cref="ReferralContent.From"/>), and
/// a child's identity never.
/// </summary>
public sealed record ReferralContent(
    string SenderCaseReference, IReadOnlyList<ServiceType> Services, IReadOnlyList<DataGroup> DataGroups,
    Sex Sex, int? Age, bool Child, IReadOnlyList<string> Citizenships, IReadOnlyList<string> Languages,
    string? GivenName, string? FamilyName, string? DateOfBirth,
    IReadOnlyList<string>? FormsOfExploitation, IReadOnlyList<string>? CountriesOfOrigin, IReadOnlyList<string>? CountriesOfExploitation,
    string? ReturnRiskAssessment)
{
    public static ReferralContent From(Case c, Person p, IReadOnlyList<ServiceType> services, IReadOnlyCollection<DataGroup> consented, string? returnRisk, DateOnly today)
    {
        var child = p.IsChild(today);
        // A child's identity never leaves the system (PRODUCT.md §1), whatever the consent says.
        var groups = consented.Where(g => !(child && g == DataGroup.Identity)).Distinct().Order().ToList();
        var identity = groups.Contains(DataGroup.Identity);
        var exploitation = groups.Contains(DataGroup.Exploitation);
        return new ReferralContent(c.Reference, services, groups, p.Sex, p.AgeOn(today) ?? p.EstimatedAge, child, p.Citizenships, p.Languages,
            identity ? p.GivenName : null, identity ? p.FamilyName : null, identity ? p.DateOfBirth : null,
            exploitation ? c.FormsOfExploitation : null, exploitation ? c.CountriesOfOrigin : null, exploitation ? c.CountriesOfExploitation : null,
            string.IsNullOrWhiteSpace(returnRisk) ? null : returnRisk.Trim());
    }
}

/// <summary>An acceptance or a decline, with the receiving side's own reference for the case.</summary>
public sealed record AnswerContent(string? CaseReference, string? Reason);

/// <summary>
/// A receipt, after ebMS's: the message it acknowledges and the digest of the exact bytes received (so a receipt for
/// one package cannot pass for another's), or an error that says nothing was applied.
/// </summary>
public sealed record Receipt(Guid? RefToMessageId, string PackageDigest, ReceiptStatus Status, string? Error, DateTime Timestamp, string From);

public enum ReceiptStatus
{
    /// <summary>Taken in and applied.</summary>
    Received,
    /// <summary>Already taken in before: nothing applied again.</summary>
    Duplicate,
    /// <summary>Refused for good (a signature, a key, an expiry): nothing applied, resending will not help.</summary>
    Refused,
    /// <summary>Not now (an earlier package of the conversation has not arrived): nothing applied, send again later.</summary>
    RetryLater,
}

/// <summary>
/// Sign, then encrypt, with jose-jwt: a JWS (ES256) with the sender's signing key, nested in a JWE (ECDH-ES+A256KW,
/// A256GCM) to the recipient's encryption key. Only the algorithms named here are accepted on the way in, and the
/// signing and encryption keys are separate (jose-jwt's advice against confusion attacks).
/// </summary>
public static class TrmPackage
{
    public const string SchemaVersion = "1";
    public const string MediaType = "application/jose";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        MaxDepth = 16,
    };

    public static string Seal(PackagePayload payload, InstanceKey signingKey, ECDsa signingPrivate, PeerKey recipientKey)
    {
        var jws = JWT.Encode(JsonSerializer.Serialize(payload, Json), signingPrivate, JwsAlgorithm.ES256,
            new Dictionary<string, object> { ["kid"] = signingKey.Kid, ["typ"] = "trm+jws" });
        using var recipient = InstanceKeys.PublicKey(recipientKey.Jwk);
        return JWT.Encode(jws, recipient, JweAlgorithm.ECDH_ES_A256KW, JweEncryption.A256GCM,
            extraHeaders: new Dictionary<string, object> { ["kid"] = recipientKey.Kid, ["cty"] = "JWT", ["typ"] = "trm+jwe" });
    }

    /// <summary>The key id in a compact JOSE object's protected header, or null when there is none (or it is not JOSE).</summary>
    public static string? KeyId(string token)
    {
        try { return JWT.Headers(token).TryGetValue("kid", out var kid) ? kid as string : null; }
        catch (Exception e) when (e is ArgumentException or FormatException or JoseException or JsonException or IndexOutOfRangeException or InvalidCastException) { return null; }
    }

    /// <summary>The nested JWS inside, or null when the JWE does not open with <paramref name="key"/> (tampered, or for another key).</summary>
    public static string? Decrypt(string token, ECDsa key)
    {
        try { return JWT.Decrypt(token, key, JweAlgorithm.ECDH_ES_A256KW, JweEncryption.A256GCM); }
        catch (Exception e) when (e is JoseException or CryptographicException or ArgumentException or FormatException or JsonException or IndexOutOfRangeException) { return null; }
    }

    /// <summary>The payload of a JWS signed by <paramref name="signer"/>'s key, or null when the signature does not hold.</summary>
    public static T? Verify<T>(string jws, string signerJwk) where T : class
    {
        try
        {
            using var key = InstanceKeys.PublicKey(signerJwk);
            return JsonSerializer.Deserialize<T>(JWT.Verify(jws, key, JwsAlgorithm.ES256), Json);
        }
        catch (Exception e) when (e is JoseException or CryptographicException or ArgumentException or FormatException or JsonException or IndexOutOfRangeException) { return null; }
    }

    public static string SignReceipt(Receipt receipt, InstanceKey signingKey, ECDsa signingPrivate) =>
        JWT.Encode(JsonSerializer.Serialize(receipt, Json), signingPrivate, JwsAlgorithm.ES256,
            new Dictionary<string, object> { ["kid"] = signingKey.Kid, ["typ"] = "trm-receipt+jws" });

    /// <summary>SHA-256 of the package as sent, base64url: ebMS's non-repudiation of receipt.</summary>
    public static string Digest(string token) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
