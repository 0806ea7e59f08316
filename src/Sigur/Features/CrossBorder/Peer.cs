using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// Start here for the Transnational Referral Mechanism (TRM): each country runs its own Sigur, and coordinators
/// register each other's instances as peers. A peer is known by its ISO code, its inbox and its public keys, which the
/// coordinators compared out of band (the fingerprints that <c>sigur peers keys</c> prints). Packages to and from it
/// are signed and encrypted (<see cref="TrmPackage"/>), written to an outbox with the change that causes them
/// (<see cref="OutgoingPackage"/>), delivered by <see cref="PackageDispatcher"/> until a signed receipt comes back, and
/// taken in once by <see cref="ReceivePackage"/>.
/// </summary>
public sealed class Peer : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>ISO 3166-1 alpha-2: the ebMS party id of the peer (From/To of every package).</summary>
    public required string Country { get; set; }
    public required string Name { get; set; }
    /// <summary>Where packages go: the peer's <c>/api/v1/trm/inbox</c>.</summary>
    public required string InboxUrl { get; set; }
    /// <summary>The legal basis for transfers to this country (an agreement, a convention article), shown with every referral.</summary>
    public string LegalBasis { get; set; } = "";
    /// <summary>The organisations of this country that may send cases to the peer and receive its answers.</summary>
    public List<Guid> AllowedOrganisationIds { get; set; } = [];
    /// <summary>
    /// The organisation that stands for the peer's coordinator in this country's register: a consent names it, as it
    /// names any recipient, so consent to a transfer abroad is recorded, withdrawn and checked like any other.
    /// </summary>
    public Guid OrganisationId { get; set; }
    /// <summary>The office whose case an incoming referral becomes (the coordinator's office that registered the peer).</summary>
    public Guid ReceivingOrganisationId { get; set; }
    public DateTime RegisteredAt { get; set; }
    public Guid? RegisteredBy { get; set; }
    public long Version { get; set; }
    public List<PeerKey> Keys { get; set; } = [];

    public PeerKey? ValidKey(KeyUse use, DateTime now) =>
        Keys.Where(k => k.Use == use && k.IsValidAt(now)).OrderByDescending(k => k.ValidFrom).FirstOrDefault();
}

/// <summary>
/// One public key of a peer. A rotation adds the new key and gives the old one an end (the overlap), so packages
/// signed or encrypted with either are accepted while both sides change over.
/// </summary>
public sealed class PeerKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PeerId { get; set; }
    public KeyUse Use { get; set; }
    /// <summary>The RFC 7638 thumbprint, which is also the key id (kid) in package headers.</summary>
    public required string Kid { get; set; }
    /// <summary>The public JWK as registered.</summary>
    public required string Jwk { get; set; }
    public DateTime ValidFrom { get; set; }
    public DateTime? ValidUntil { get; set; }

    public bool IsValidAt(DateTime now) => ValidFrom <= now && (ValidUntil is null || ValidUntil > now);
}

public enum KeyUse { Signing, Encryption }
