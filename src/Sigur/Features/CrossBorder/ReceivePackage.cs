using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// The inbox (<c>POST /api/v1/trm/inbox</c>): anyone may knock, the package is the credential. It is decrypted with
/// one of this instance's encryption keys, its signature checked against the keys registered for the peer it claims
/// to come from, its addressing and expiry checked, and then, in one transaction, stored (unique on sender and
/// message id) and applied. Every answer is a receipt signed by this instance: received, duplicate (a replay or a
/// resend: nothing applied again), retry later (an earlier package of the conversation is missing), or refused
/// (nothing applied, nothing to gain by resending).
/// </summary>
public static class ReceivePackage
{
    public const string Route = "/trm/inbox";

    private sealed record Outcome(ReceiptStatus Status, string? Error, Guid? MessageId);

    public static async Task<IResult> Handle(HttpRequest http, SigurDb db, KeyEncryptionKey kek, TimeProvider clock, Outbox outbox,
        Platform.Audit.Audit audit, IdentificationRules rules, Platform.Notifications.Notifier notifier, ILogger<PackageDispatcher> log, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        string token;
        using (var reader = new StreamReader(http.Body)) token = (await reader.ReadToEndAsync(ct)).Trim();
        var signing = (await InstanceKeys.EnsureAsync(db, kek, now, ct)).Single(k => k.Use == KeyUse.Signing);
        var outcome = await TakeInAsync(token, db, kek, now, outbox.Country, audit, rules, notifier, ct);
        if (outcome.Status is ReceiptStatus.Refused or ReceiptStatus.RetryLater)
            log.LogWarning("Cross-border package {MessageId} answered {Status}: {Error}", outcome.MessageId, outcome.Status, outcome.Error);
        using var key = InstanceKeys.Open(signing, kek);
        var receipt = TrmPackage.SignReceipt(new Receipt(outcome.MessageId, TrmPackage.Digest(token), outcome.Status, outcome.Error, now, outbox.Country), signing, key);
        var status = outcome.Status switch
        {
            ReceiptStatus.Refused => StatusCodes.Status400BadRequest,
            ReceiptStatus.RetryLater => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status200OK,
        };
        return Results.Text(receipt, TrmPackage.MediaType, statusCode: status);
    }

    private static async Task<Outcome> TakeInAsync(string token, SigurDb db, KeyEncryptionKey kek, DateTime now, string country,
        Platform.Audit.Audit audit, IdentificationRules rules, Platform.Notifications.Notifier notifier, CancellationToken ct)
    {
        var kid = TrmPackage.KeyId(token);
        var own = kid is null ? null : await db.Set<InstanceKey>().AsNoTracking().SingleOrDefaultAsync(k => k.Kid == kid && k.Use == KeyUse.Encryption, ct);
        if (own is null || !own.IsValidAt(now)) return await RefuseAsync(db, audit, now, "not encrypted to a current key of this instance", ct);
        string? jws;
        using (var ecdh = InstanceKeys.Open(own, kek)) jws = TrmPackage.Decrypt(token, ecdh);
        if (jws is null) return await RefuseAsync(db, audit, now, "does not decrypt: damaged or altered", ct);

        var signerKid = TrmPackage.KeyId(jws);
        var signer = (await db.Set<PeerKey>().AsNoTracking().Where(k => k.Kid == signerKid && k.Use == KeyUse.Signing).ToListAsync(ct)).FirstOrDefault(k => k.IsValidAt(now));
        if (signer is null) return await RefuseAsync(db, audit, now, "signed by a key that no registered peer holds", ct);
        var payload = TrmPackage.Verify<PackagePayload>(jws, signer.Jwk);
        if (payload?.Header is not { } h) return await RefuseAsync(db, audit, now, "the signature does not hold", ct, signer.PeerId);
        var peer = await db.Set<Peer>().AsNoTracking().SingleAsync(p => p.Id == signer.PeerId, ct);
        if (h.From != peer.Country || h.To != country) return await RefuseAsync(db, audit, now, "addressed from or to another party", ct, peer.Id, h);
        if (h.SchemaVersion != TrmPackage.SchemaVersion) return await RefuseAsync(db, audit, now, "an unknown schema version", ct, peer.Id, h);
        if (h.Expires <= now) return await RefuseAsync(db, audit, now, "expired", ct, peer.Id, h);

        if (await db.Set<IncomingPackage>().AnyAsync(p => p.PeerId == peer.Id && p.MessageId == h.MessageId, ct))
            return await DuplicateAsync(audit, h);

        if (h.Action == TrmAction.Notice) return await TakeNoticeAsync(db, audit, notifier, peer, h, payload.Notice, now, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var conversation = await db.Set<Conversation>().IgnoreQueryFilters().SingleOrDefaultAsync(c => c.Id == h.ConversationId, ct);
        if (conversation is not null && conversation.PeerId != peer.Id) return await RefuseAsync(db, audit, now, "a conversation of another peer", ct, peer.Id, h);
        var expected = (conversation?.ReceivedSequence ?? 0) + 1;
        if (h.Sequence > expected) return new Outcome(ReceiptStatus.RetryLater, "an earlier package of this conversation has not arrived", h.MessageId);
        if (h.Sequence < expected) return await RefuseAsync(db, audit, now, "out of sequence", ct, peer.Id, h);

        var refused = h.Action switch
        {
            TrmAction.Refer when conversation is not null => "the conversation exists already",
            TrmAction.Refer when payload.Referral is null => "a referral without content",
            TrmAction.Refer => null,
            _ when conversation is null => "no such conversation",
            TrmAction.Accept or TrmAction.Decline when conversation.Side != ConversationSide.Outgoing || conversation.Status != ConversationStatus.Requested =>
                "the referral is not waiting for an answer",
            _ => null,
        };
        if (refused is not null) return await RefuseAsync(db, audit, now, refused, ct, peer.Id, h);

        if (h.Action == TrmAction.Refer)
        {
            conversation = await OpenCaseAsync(db, peer, h, payload.Referral!, now, rules, ct);
            CrossBorderNotices.Arrived(notifier, conversation, peer.Country);
        }
        else
        {
            Apply(conversation!, h, payload.Answer, now);
            if (h.Action is TrmAction.Accept or TrmAction.Decline) CrossBorderNotices.Answered(notifier, conversation!, peer.Country);
        }
        conversation!.ReceivedSequence = h.Sequence;
        var package = Stored(peer.Id, h, now, IncomingStatus.Applied, "");
        db.Add(package);
        db.AuditWithNextSave(audit.New(AuditAction.PackageReceived, nameof(IncomingPackage), package.Id.ToString(), [], $"{h.Action} {h.MessageId} from {peer.Country}"));
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return await DuplicateAsync(audit, h); // the same package, taken in by a parallel request first
        }
        return new Outcome(ReceiptStatus.Received, null, h.MessageId);
    }

    /// <summary>A regional notice: shown to the coordinators of the office that receives the peer's packages.</summary>
    private static async Task<Outcome> TakeNoticeAsync(SigurDb db, Platform.Audit.Audit audit, Platform.Notifications.Notifier notifier, Peer peer, PackageHeader h,
        NoticeContent? notice, DateTime now, CancellationToken ct)
    {
        if (notice is null || string.IsNullOrWhiteSpace(notice.Title) || string.IsNullOrWhiteSpace(notice.Text))
            return await RefuseAsync(db, audit, now, "a notice without a title or text", ct, peer.Id, h);
        db.Add(new RegionalNotice { MessageId = h.MessageId, Received = true, Country = peer.Country, Title = Cut(notice.Title, 200), Text = Cut(notice.Text, 4000), At = now });
        var package = Stored(peer.Id, h, now, IncomingStatus.Applied, "");
        db.Add(package);
        CrossBorderNotices.NoticeArrived(notifier, peer.ReceivingOrganisationId, peer.Country);
        db.AuditWithNextSave(audit.New(AuditAction.PackageReceived, nameof(IncomingPackage), package.Id.ToString(), [], $"{h.Action} {h.MessageId} from {peer.Country}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return await DuplicateAsync(audit, h);
        }
        return new Outcome(ReceiptStatus.Received, null, h.MessageId);
    }

    /// <summary>An incoming referral becomes a case of the receiving coordinator's office, intake "another country".</summary>
    private static async Task<Conversation> OpenCaseAsync(SigurDb db, Peer peer, PackageHeader h, ReferralContent r, DateTime now, IdentificationRules rules, CancellationToken ct)
    {
        var office = peer.ReceivingOrganisationId;
        var person = new Person
        {
            OrganisationId = office, CreatedAt = now, GivenName = Cut(r.GivenName, 200), FamilyName = Cut(r.FamilyName, 200), DateOfBirth = Cut(r.DateOfBirth, 10),
            Sex = Enum.IsDefined(r.Sex) ? r.Sex : Sex.Unknown, EstimatedAge = r.Age is >= 0 and < 130 ? r.Age : null, PossiblyChild = r.Child,
            Citizenships = Codes(r.Citizenships), Languages = Codes(r.Languages),
        };
        db.Persons.Add(person);
        await NameIndex.RefreshAsync(db, person, ct);
        var c = new Case
        {
            Reference = await CaseReferences.NextAsync(db, now.Year, ct), OrganisationId = office, PersonId = person.Id, RegisteredAt = now,
            IntakeChannel = IntakeChannel.AnotherCountry, IntakeDate = now.Date, CountriesOfOrigin = Codes(r.CountriesOfOrigin),
            CountriesOfExploitation = Codes(r.CountriesOfExploitation), FormsOfExploitation = [.. (r.FormsOfExploitation ?? []).Take(20).Select(f => Cut(f, 40))],
            Narrative = Cut(r.ReturnRiskAssessment, 4000),
        };
        db.Cases.Add(c);
        NameIndex.AddCase(db, c, person);
        IdentificationDeadline.Start(db, c, await db.Organisations.Where(o => o.Id == office).Select(o => o.Country).SingleAsync(ct), rules, null);
        var conversation = new Conversation
        {
            Id = h.ConversationId, PeerId = peer.Id, OrganisationId = office, CaseId = c.Id, Side = ConversationSide.Incoming, CaseReference = c.Reference,
            PeerCaseReference = Cut(r.SenderCaseReference, 40), Phase = h.Service, Services = [.. r.Services.Where(Enum.IsDefined).Distinct()],
            ConsentId = h.ConsentId, StartedAt = now,
        };
        db.Add(conversation);
        return conversation;
    }

    private static void Apply(Conversation conversation, PackageHeader h, AnswerContent? answer, DateTime now)
    {
        switch (h.Action)
        {
            case TrmAction.Accept or TrmAction.Decline:
                conversation.Status = h.Action == TrmAction.Accept ? ConversationStatus.Accepted : ConversationStatus.Declined;
                conversation.AnsweredAt = now;
                conversation.PeerCaseReference = Cut(answer?.CaseReference, 40);
                conversation.DeclineReason = h.Action == TrmAction.Decline ? Cut(answer?.Reason, 1000) : "";
                break;
            case TrmAction.Close:
                conversation.Status = ConversationStatus.Closed;
                break;
        }
    }

    private static async Task<Outcome> RefuseAsync(SigurDb db, Platform.Audit.Audit audit, DateTime now, string error, CancellationToken ct,
        Guid? peerId = null, PackageHeader? h = null)
    {
        db.ChangeTracker.Clear();
        if (db.Database.CurrentTransaction is { } tx) await tx.RollbackAsync(ct);
        // Kept without its message id: a refused package claims nothing, and a later valid one with the same id is not a duplicate.
        var package = Stored(peerId, h, now, IncomingStatus.Refused, error);
        package.MessageId = null;
        db.Add(package);
        db.AuditWithNextSave(audit.New(AuditAction.PackageRefused, nameof(IncomingPackage), package.Id.ToString(), [], error));
        await db.SaveChangesAsync(ct);
        return new Outcome(ReceiptStatus.Refused, error, h?.MessageId);
    }

    private static async Task<Outcome> DuplicateAsync(Platform.Audit.Audit audit, PackageHeader h)
    {
        await audit.EventAsync(AuditAction.PackageReceived, nameof(IncomingPackage), h.MessageId.ToString(), "a duplicate: ignored");
        return new Outcome(ReceiptStatus.Duplicate, null, h.MessageId);
    }

    private static IncomingPackage Stored(Guid? peerId, PackageHeader? h, DateTime now, IncomingStatus status, string error) => new()
    {
        PeerId = peerId, MessageId = h?.MessageId, ConversationId = h?.ConversationId, Sequence = h?.Sequence ?? 0, Service = h?.Service, Action = h?.Action,
        ReceivedAt = now, SentAt = h?.Timestamp, Status = status, Error = error,
    };

    private static string Cut(string? text, int max) => text is null ? "" : text.Length <= max ? text.Trim() : text[..max].Trim();

    private static List<string> Codes(IReadOnlyList<string>? codes) =>
        [.. (codes ?? []).Where(c => c is { Length: 2 } && c.All(char.IsAsciiLetterUpper)).Distinct().Take(20)];
}
