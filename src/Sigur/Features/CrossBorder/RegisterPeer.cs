using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// A coordinator registers a peer country: its ISO code, name, inbox, public keys (compared by fingerprint out of
/// band first), the organisations of this country allowed to send it cases, and the legal basis for transfers.
/// The coordinator's own office receives the peer's referrals.
/// </summary>
public static class RegisterPeer
{
    public const string Policy = Policies.CrossBorder;

    public sealed record Request(
        string Country, string Name, string InboxUrl, string SigningKey, string EncryptionKey, IReadOnlyList<Guid>? AllowedOrganisationIds, string LegalBasis);

    public static async Task<Results<Created<PeerView>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, StatisticsSettings statistics, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        var country = (request.Country ?? "").Trim().ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper)) errors["country"] = ["An ISO 3166-1 alpha-2 country code."];
        else if (country == statistics.ReportingCountry) errors["country"] = ["This is the country of this instance, not a peer."];
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 190) errors["name"] = ["A name of at most 190 characters."];
        if (!IsInbox(request.InboxUrl)) errors["inboxUrl"] = ["An https address (http only on this machine's loopback)."];
        if (string.IsNullOrWhiteSpace(request.LegalBasis) || request.LegalBasis.Length > 1000) errors["legalBasis"] = ["State the legal basis in at most 1000 characters."];
        var signing = InstanceKeys.ParsePublicJwk(request.SigningKey);
        var encryption = InstanceKeys.ParsePublicJwk(request.EncryptionKey);
        if (signing is null) errors["signingKey"] = ["A P-256 public key as JWK."];
        if (encryption is null) errors["encryptionKey"] = ["A P-256 public key as JWK."];
        if (signing is { } s && encryption is { } e && InstanceKeys.Thumbprint(s) == InstanceKeys.Thumbprint(e))
            errors["encryptionKey"] = ["The signing and the encryption key must differ."];
        var allowed = (request.AllowedOrganisationIds ?? []).Append(user.OrganisationId!.Value).Distinct().ToList();
        if (allowed.Count > 100 || await db.Organisations.CountAsync(o => allowed.Contains(o.Id) && o.IsActive && o.Country == statistics.ReportingCountry, ct) != allowed.Count)
            errors["allowedOrganisationIds"] = ["Active organisations of this country, at most 100."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var name = request.Name.Trim();
        // The peer's coordinator in this register: what consents name as the recipient of a transfer abroad.
        var standIn = new Organisation { Name = $"{name} ({country})", Type = OrganisationType.NationalCoordinatorOffice, Country = country };
        var peer = new Peer
        {
            Country = country, Name = name, InboxUrl = request.InboxUrl.Trim(), LegalBasis = request.LegalBasis.Trim(), AllowedOrganisationIds = allowed,
            OrganisationId = standIn.Id, ReceivingOrganisationId = user.OrganisationId!.Value, RegisteredAt = now, RegisteredBy = user.UserId,
        };
        peer.Keys.Add(Key(peer, KeyUse.Signing, signing!.Value, now));
        peer.Keys.Add(Key(peer, KeyUse.Encryption, encryption!.Value, now));
        db.Organisations.Add(standIn);
        db.Add(peer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            return Problems.Conflict("This country is already registered as a peer.");
        }
        return TypedResults.Created($"/api/v1/peers/{peer.Id}", PeerView.From(peer));
    }

    internal static PeerKey Key(Peer peer, KeyUse use, System.Security.Cryptography.ECParameters p, DateTime now) =>
        new() { PeerId = peer.Id, Use = use, Kid = InstanceKeys.Thumbprint(p), Jwk = InstanceKeys.PublicJwk(p, use), ValidFrom = now };

    /// <summary>Packages carry victims' data: https only, except to this machine (two instances side by side, the tests).</summary>
    private static bool IsInbox(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && url!.Length <= 500 && string.IsNullOrEmpty(uri.UserInfo)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
