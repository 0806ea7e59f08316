using Sigur.Features.Referrals;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// One cross-border case between this country and a peer: the ebMS conversation that all its packages share, with
/// the same id on both sides. Outgoing: a case of ours referred to the peer; incoming: the peer's referral, which
/// became a case of the receiving coordinator's office. requested → accepted or declined → closed.
/// </summary>
public sealed class Conversation : IOrganisationOwned, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PeerId { get; set; }
    /// <summary>Ours: the case's holder (outgoing) or the receiving office (incoming).</summary>
    public Guid OrganisationId { get; set; }
    public Guid CaseId { get; set; }
    public ConversationSide Side { get; set; }
    public string CaseReference { get; set; } = "";
    public string PeerCaseReference { get; set; } = "";
    public TrmPhase Phase { get; set; }
    public List<ServiceType> Services { get; set; } = [];
    public ConversationStatus Status { get; set; } = ConversationStatus.Requested;
    public Guid? ConsentId { get; set; }
    [Sensitive(FieldGroups.Narrative)] public string DeclineReason { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    /// <summary>The last sequence number this side sent, and the last it applied from the peer: order per conversation.</summary>
    public long SentSequence { get; set; }
    public long ReceivedSequence { get; set; }
    public long Version { get; set; }

    public long NextSequence() => ++SentSequence;

    /// <summary>The receiving side answers a requested referral, once.</summary>
    public Refusal? Answer(bool accept, string reason, DateTime now)
    {
        if (Side != ConversationSide.Incoming) return new Refusal("Only the receiving side answers a referral.");
        if (Status != ConversationStatus.Requested) return new Refusal("This referral cannot be answered (status: {0}).", Status);
        Status = accept ? ConversationStatus.Accepted : ConversationStatus.Declined;
        DeclineReason = accept ? "" : reason;
        AnsweredAt = now;
        return null;
    }
}

public enum ConversationSide { Outgoing, Incoming }

public enum ConversationStatus { Requested, Accepted, Declined, Closed }

/// <summary>
/// The transactional outbox: a package written in the same transaction as the change that causes it, already signed
/// and encrypted (nothing readable waits here), and sent by <see cref="PackageDispatcher"/> until a signed receipt
/// comes back. Its id is the ebMS message id.
/// </summary>
public sealed class OutgoingPackage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PeerId { get; set; }
    public Guid ConversationId { get; set; }
    public long Sequence { get; set; }
    public TrmPhase Service { get; set; }
    public TrmAction Action { get; set; }
    /// <summary>The consent the content leaves under: checked again just before sending, so a withdrawal stops it.</summary>
    public Guid? ConsentId { get; set; }
    public required string Token { get; set; }
    public OutgoingStatus Status { get; set; } = OutgoingStatus.Pending;
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    /// <summary>Why the last attempt failed (a status code, a receipt's error): never content.</summary>
    public string LastError { get; set; } = "";
    /// <summary>The peer's signed receipt, kept as proof of delivery.</summary>
    public string Receipt { get; set; } = "";
}

public enum OutgoingStatus
{
    Pending,
    Delivered,
    /// <summary>The peer refused it with a signed error receipt: nothing was applied there.</summary>
    Refused,
    /// <summary>The consent ended before it left: it never will.</summary>
    Withheld,
    /// <summary>Not delivered before it expired.</summary>
    Expired,
}

/// <summary>
/// The inbox: each package taken in, unique on (sender, message id), so a replay or a resend is recognised and
/// applied once. Refused packages are kept too (without a message id, which a refused package cannot claim), so the
/// coordinator sees what was refused and why.
/// </summary>
public sealed class IncomingPackage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? PeerId { get; set; }
    public Guid? MessageId { get; set; }
    public Guid? ConversationId { get; set; }
    public long Sequence { get; set; }
    public TrmPhase? Service { get; set; }
    public TrmAction? Action { get; set; }
    public DateTime ReceivedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public IncomingStatus Status { get; set; }
    public string Error { get; set; } = "";
}

public enum IncomingStatus { Applied, Refused }
