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
        using var key = InstanceKeys.Open(signing, kek);
        var package = new OutgoingPackage
        {
            Id = header.MessageId, PeerId = peer.Id, ConversationId = conversation.Id, Sequence = header.Sequence, Service = header.Service,
            Action = action, Token = TrmPackage.Seal(new PackagePayload(header, referral, answer), signing, key, recipient),
            CreatedAt = now, ExpiresAt = header.Expires, NextAttemptAt = now,
            // Our consent, checked again before sending; an answer to the peer's referral carries none of ours.
            ConsentId = conversation.Side == ConversationSide.Outgoing ? conversation.ConsentId : null,
        };
        db.Add(package);
        db.AfterCommit(_ => { dispatcher.Wake(); return Task.CompletedTask; });
        return package;
    }
}
