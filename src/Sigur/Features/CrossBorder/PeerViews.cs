namespace Sigur.Features.CrossBorder;

/// <summary>A peer as coordinators see it: never a private key (there is none of a peer's here).</summary>
public sealed record PeerView(
    Guid Id, string Country, string Name, string InboxUrl, string LegalBasis, IReadOnlyList<Guid> AllowedOrganisationIds, Guid OrganisationId,
    Guid ReceivingOrganisationId, DateTime RegisteredAt, IReadOnlyList<PeerKeyView> Keys, long Version)
{
    public static PeerView From(Peer p) => new(p.Id, p.Country, p.Name, p.InboxUrl, p.LegalBasis, p.AllowedOrganisationIds, p.OrganisationId,
        p.ReceivingOrganisationId, p.RegisteredAt, [.. p.Keys.OrderBy(k => k.ValidFrom).Select(k => new PeerKeyView(k.Use, k.Kid, k.ValidFrom, k.ValidUntil))], p.Version);
}

public sealed record PeerKeyView(KeyUse Use, string Kid, DateTime ValidFrom, DateTime? ValidUntil);

/// <summary>One of this instance's public keys, as JWK with its thumbprint, for the peers' coordinators to register.</summary>
public sealed record OwnKeyView(KeyUse Use, string Kid, string Jwk, DateTime CreatedAt, DateTime? ValidUntil)
{
    public static OwnKeyView From(InstanceKey k) => new(k.Use, k.Kid, k.PublicJwk, k.CreatedAt, k.ValidUntil);
}
