using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// Writes a package into the outbox with the caller's other changes: the caller's SaveChanges commits both or
/// neither, and the dispatcher is woken once they are committed.
/// </summary>
public sealed class Outbox(KeyEncryptionKey kek, CrossBorderSettings settings, PackageDispatcher dispatcher, Features.Statistics.StatisticsSettings statistics)
{
    public string Country => statistics.ReportingCountry;

    /// <summary>This instance's signing key, made on first need: call it before changing anything (it saves a new key at once).</summary>
    public async Task<InstanceKey> SigningKeyAsync(SigurDb db, DateTime now, CancellationToken ct) =>
        (await InstanceKeys.EnsureAsync(db, kek, now, ct)).Single(k => k.Use == KeyUse.Signing);

    /// <summary>The package, added to <paramref name="db"/> unsaved; null when the peer has no valid encryption key.</summary>
    public OutgoingPackage? Add(SigurDb db, InstanceKey signing, Peer peer, Conversation conversation, TrmAction action, Guid? refToMessageId, DateTime now,
        ReferralContent? referral = null, AnswerContent? answer = null)
    {
        if (peer.ValidKey(KeyUse.Encryption, now) is not { } recipient) return null;
        var header = new PackageHeader(Guid.CreateVersion7(), conversation.Id, refToMessageId, Country, peer.Country, conversation.Phase, action,
            conversation.ConsentId, TrmPackage.SchemaVersion, now, now.AddDays(settings.PackageLifetimeDays), conversation.NextSequence());
        // Our consent, checked again before sending; an answer to the peer's referral carries none of ours.
        return Add(db, signing, peer, recipient, new PackagePayload(header, referral, answer), conversation.Side == ConversationSide.Outgoing ? conversation.ConsentId : null, now);
    }

    /// <summary>A regional notice to one peer: a conversation of its own, of one package, under no consent (it holds no personal data).</summary>
    public OutgoingPackage? AddNotice(SigurDb db, InstanceKey signing, Peer peer, NoticeContent notice, DateTime now)
    {
        if (peer.ValidKey(KeyUse.Encryption, now) is not { } recipient) return null;
        var header = new PackageHeader(Guid.CreateVersion7(), Guid.CreateVersion7(), null, Country, peer.Country, TrmPhase.Identification, TrmAction.Notice,
            null, TrmPackage.SchemaVersion, now, now.AddDays(settings.PackageLifetimeDays), 1);
        return Add(db, signing, peer, recipient, new PackagePayload(header, Notice: notice), null, now);
    }

    private OutgoingPackage Add(SigurDb db, InstanceKey signing, Peer peer, PeerKey recipient, PackagePayload payload, Guid? consentId, DateTime now)
    {
        var header = payload.Header;
        using var key = InstanceKeys.Open(signing, kek);
        var package = new OutgoingPackage
        {
            Id = header.MessageId, PeerId = peer.Id, ConversationId = header.ConversationId, Sequence = header.Sequence, Service = header.Service,
            Action = header.Action, Token = TrmPackage.Seal(payload, signing, key, recipient), CreatedAt = now, ExpiresAt = header.Expires, NextAttemptAt = now,
            ConsentId = consentId,
        };
        db.Add(package);
        db.AfterCommit(_ => { dispatcher.Wake(); return Task.CompletedTask; });
        return package;
    }
}
