using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.CrossBorder;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Platform.Notifications;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.CrossBorder;

/// <summary>Two instances on loopback refer a case from North Macedonia to Serbia, over real HTTP, with real keys.</summary>
public sealed class CrossBorderTests
{
    [Theory, BothProviders]
    public async Task A_referral_arrives_once_with_a_signed_receipt_and_its_acceptance_goes_back(string provider)
    {
        await using var w = await TwoCountries.StartAsync(provider);
        var (registered, consentId) = await w.CaseWithConsentAsync(DataGroup.Identity, DataGroup.Exploitation);
        var sent = await w.ReferAsync(registered.Id, consentId);
        Assert.Equal(ConversationSide.Outgoing, sent.Side);

        await TwoCountries.UntilStatusAsync(w.MK.App, sent.Id, TrmAction.Refer, OutgoingStatus.Delivered);
        var package = await TwoCountries.OutgoingAsync(w.MK.App, sent.Id, TrmAction.Refer);
        // The receipt is Serbia's signature over the digest of exactly what was sent.
        var receipt = TrmPackage.Verify<Receipt>(package.Receipt, await SigningJwkAsync(w.RS.App));
        Assert.NotNull(receipt);
        Assert.Equal(ReceiptStatus.Received, receipt.Status);
        Assert.Equal(TrmPackage.Digest(package.Token), receipt.PackageDigest);
        Assert.Equal(package.Id, receipt.RefToMessageId);

        // Serbia: a case of the coordinator's office, intake "another country", with what the consent covers.
        var incoming = Assert.Single(await (await w.RS.Coordinator.GetAsync("/api/v1/cross-border/conversations")).ReadAsync<List<ConversationView>>());
        Assert.Equal((sent.Id, ConversationSide.Incoming, ConversationStatus.Requested, registered.Reference, TrmPhase.ReturnAndInclusion),
            (incoming.Id, incoming.Side, incoming.Status, incoming.PeerCaseReference, incoming.Phase));
        var (c, person) = await w.RS.App.WithDbAsync(async db =>
        {
            var c = await db.Cases.IgnoreQueryFilters().Include(x => x.Person).SingleAsync(x => x.Id == incoming.CaseId);
            return (c, c.Person!);
        });
        Assert.Equal((w.RS.Office.Id, IntakeChannel.AnotherCountry, "Марија", "Петровић", "1998-05-02"),
            (c.OrganisationId, c.IntakeChannel, person.GivenName, person.FamilyName, person.DateOfBirth));
        Assert.Equal(["SexualExploitation"], c.FormsOfExploitation);
        Assert.Equal("", person.Contact); // not covered by any data group the consent named: never sent
        // The coordinator's case worker finds it like any case of the office.
        Assert.Equal(HttpStatusCode.OK, (await w.RS.Worker.GetAsync($"/api/v1/cases/{c.Id}")).StatusCode);

        var accepted = await w.RS.Coordinator.PostJsonAsync($"/api/v1/cross-border/conversations/{incoming.Id}/accept", new AnswerReferral.Request(incoming.Version));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await TwoCountries.UntilStatusAsync(w.RS.App, sent.Id, TrmAction.Accept, OutgoingStatus.Delivered);
        var answered = Assert.Single(await (await w.MK.Worker.GetAsync("/api/v1/cross-border/conversations")).ReadAsync<List<ConversationView>>());
        Assert.Equal((ConversationStatus.Accepted, c.Reference), (answered.Status, answered.PeerCaseReference));

        // Each side's office was told, by country and case reference.
        Assert.Equal(1, await NoticesAsync(w.RS.App, w.RS.Office.Id, "CrossBorder.New"));
        Assert.Equal(1, await NoticesAsync(w.MK.App, w.MK.Office.Id, "CrossBorder.Accepted"));

        // Audited on both sides; the packages page lists them.
        Assert.True(await AuditedAsync(w.MK.App, AuditAction.PackageSent) >= 1);
        Assert.True(await AuditedAsync(w.RS.App, AuditAction.PackageReceived) >= 1);
        var packages = await (await w.MK.Coordinator.GetAsync("/api/v1/cross-border/packages")).ReadAsync<ListPackages.Response>();
        Assert.Equal(["Delivered"], packages.Outgoing.Select(p => p.Status));
        Assert.Equal(["Applied"], packages.Incoming.Select(p => p.Status));
    }

    [Theory, BothProviders]
    public async Task Tampered_unknown_key_replayed_and_expired_packages_apply_nothing(string provider)
    {
        await using var w = await TwoCountries.StartAsync(provider);
        var (registered, consentId) = await w.CaseWithConsentAsync(DataGroup.Identity);
        var sent = await w.ReferAsync(registered.Id, consentId);
        await TwoCountries.UntilStatusAsync(w.MK.App, sent.Id, TrmAction.Refer, OutgoingStatus.Delivered);
        var token = (await TwoCountries.OutgoingAsync(w.MK.App, sent.Id, TrmAction.Refer)).Token;
        var cases = await TwoCountries.CountAsync<Case>(w.RS.App);
        var inbox = w.RS.App.AnonymousClient();
        var rsSigning = await SigningJwkAsync(w.RS.App);

        // Replayed: recognised by (sender, message id), answered "duplicate", applied once.
        var replay = await PostAsync(inbox, token);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Equal(ReceiptStatus.Duplicate, TrmPackage.Verify<Receipt>(replay.Body, rsSigning)!.Status);

        // Tampered: one character of the ciphertext changed.
        var parts = token.Split('.');
        parts[3] = (parts[3][0] == 'A' ? 'B' : 'A') + parts[3][1..];
        await AssertRefusedAsync(inbox, string.Join('.', parts), rsSigning, "does not decrypt");

        // Signed by a key no peer holds (encrypted correctly to Serbia's key).
        var header = Header(sent.Id, w, DateTime.UtcNow.AddDays(1), sequence: 2);
        using (var stranger = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var strangerKey = new InstanceKey { Kid = InstanceKeys.Thumbprint(stranger.ExportParameters(false)), PublicJwk = "", SealedPrivateKey = [] };
            await AssertRefusedAsync(inbox, TrmPackage.Seal(new PackagePayload(header with { Action = TrmAction.Close }), strangerKey, stranger, await EncryptionKeyOfAsync(w.MK.App)),
                rsSigning, "no registered peer");
        }

        // Expired: properly signed by North Macedonia, but past its time.
        await AssertRefusedAsync(inbox, await SealAsMkAsync(w, header with { MessageId = Guid.NewGuid(), Action = TrmAction.Close, Expires = DateTime.UtcNow.AddMinutes(-1) }),
            rsSigning, "expired");

        Assert.Equal(cases, await TwoCountries.CountAsync<Case>(w.RS.App));
        var conversation = await w.RS.App.WithDbAsync(db => db.Set<Conversation>().IgnoreQueryFilters().SingleAsync(c => c.Id == sent.Id));
        Assert.Equal((ConversationStatus.Requested, 1L), (conversation.Status, conversation.ReceivedSequence));
        Assert.Equal(3, await w.RS.App.WithDbAsync(db => db.Set<IncomingPackage>().CountAsync(p => p.Status == IncomingStatus.Refused)));
        Assert.Equal(3, await AuditedAsync(w.RS.App, AuditAction.PackageRefused));
    }

    [Theory, BothProviders]
    public async Task A_package_waits_while_the_receiver_is_down_and_arrives_when_it_is_back(string provider)
    {
        await using var w = await TwoCountries.StartAsync(provider);
        var (registered, consentId) = await w.CaseWithConsentAsync(DataGroup.Identity);
        await w.RS.App.StopAsync();
        var sent = await w.ReferAsync(registered.Id, consentId);
        await TwoCountries.UntilAsync(async () => (await TwoCountries.OutgoingAsync(w.MK.App, sent.Id, TrmAction.Refer)).Attempts >= CrossBorderNotices.StuckAttempts,
            "enough failed attempts to call the package stuck");
        var waiting = await TwoCountries.OutgoingAsync(w.MK.App, sent.Id, TrmAction.Refer);
        Assert.Equal(OutgoingStatus.Pending, waiting.Status);
        Assert.StartsWith("the peer could not be reached", waiting.LastError);
        Assert.Equal(1, await NoticesAsync(w.MK.App, w.MK.Office.Id, "CrossBorder.Stuck")); // the sender's office is told, once

        await w.RS.App.RestartAsync();
        await TwoCountries.UntilStatusAsync(w.MK.App, sent.Id, TrmAction.Refer, OutgoingStatus.Delivered);
        Assert.Equal(1, await w.RS.App.WithDbAsync(db => db.Set<Conversation>().IgnoreQueryFilters().CountAsync(c => c.Id == sent.Id)));
    }

    [Theory, BothProviders]
    public async Task Nothing_leaves_once_the_consent_is_withdrawn_before_sending(string provider)
    {
        await using var w = await TwoCountries.StartAsync(provider);
        var (registered, consentId) = await w.CaseWithConsentAsync(DataGroup.Identity);
        await w.RS.App.StopAsync(); // so that the package is still waiting when the person withdraws consent
        var sent = await w.ReferAsync(registered.Id, consentId);
        await TwoCountries.UntilAsync(async () => (await TwoCountries.OutgoingAsync(w.MK.App, sent.Id, TrmAction.Refer)).Attempts >= 1, "a failed attempt");
        Assert.Equal(HttpStatusCode.OK, (await w.MK.Worker.PostAsync($"/api/v1/consents/{consentId}/withdraw", null)).StatusCode);
        await w.RS.App.RestartAsync();

        await TwoCountries.UntilStatusAsync(w.MK.App, sent.Id, TrmAction.Refer, OutgoingStatus.Withheld);
        Assert.Equal(0, await TwoCountries.CountAsync<IncomingPackage>(w.RS.App));
        Assert.Equal(0, await TwoCountries.CountAsync<Conversation>(w.RS.App));
    }

    [Theory, BothProviders]
    public async Task After_a_key_rotation_packages_use_the_new_keys_and_the_old_ones_end_with_the_overlap(string provider)
    {
        await using var w = await TwoCountries.StartAsync(provider);
        // Serbia rotates with no overlap; North Macedonia's coordinator registers the new public keys.
        var fresh = await w.RS.App.WithDbAsync(db => InstanceKeys.RotateAsync(db, w.RS.App.Services.GetRequiredService<KeyEncryptionKey>(), DateTime.UtcNow, TimeSpan.Zero, default));
        var rotated = await w.MK.Coordinator.PostJsonAsync($"/api/v1/peers/{w.MK.Peer.Id}/keys", new RotatePeerKeys.Request(w.MK.Peer.Version,
            fresh.Single(k => k.Use == KeyUse.Signing).PublicJwk, fresh.Single(k => k.Use == KeyUse.Encryption).PublicJwk, OverlapDays: 0));
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);

        var (registered, consentId) = await w.CaseWithConsentAsync(DataGroup.Identity);
        var sent = await w.ReferAsync(registered.Id, consentId);
        await TwoCountries.UntilStatusAsync(w.MK.App, sent.Id, TrmAction.Refer, OutgoingStatus.Delivered);
        var package = await TwoCountries.OutgoingAsync(w.MK.App, sent.Id, TrmAction.Refer);
        Assert.Equal(fresh.Single(k => k.Use == KeyUse.Encryption).Kid, TrmPackage.KeyId(package.Token));
        // The receipt was signed with Serbia's new key, which is the only one North Macedonia still accepts.
        Assert.Equal(fresh.Single(k => k.Use == KeyUse.Signing).Kid, TrmPackage.KeyId(package.Receipt));

        // A package encrypted to Serbia's old key, after the overlap: refused, nothing applied.
        var old = (await w.MK.App.WithDbAsync(db => db.Set<PeerKey>().AsNoTracking().Where(k => k.PeerId == w.MK.Peer.Id && k.Use == KeyUse.Encryption).OrderBy(k => k.ValidFrom).ToListAsync()))[0];
        var header = Header(sent.Id, w, DateTime.UtcNow.AddDays(1), sequence: 2) with { Action = TrmAction.Close };
        await AssertRefusedAsync(w.RS.App.AnonymousClient(), await SealAsMkAsync(w, header, old), fresh.Single(k => k.Use == KeyUse.Signing).PublicJwk,
            "not encrypted to a current key");
    }

    [Theory, BothProviders]
    public async Task The_receiving_coordinator_accepts_on_the_page_and_both_pages_list_the_packages(string provider)
    {
        await using var w = await TwoCountries.StartAsync(provider);
        var (registered, consentId) = await w.CaseWithConsentAsync(DataGroup.Identity);
        var sent = await w.ReferAsync(registered.Id, consentId);
        await TwoCountries.UntilStatusAsync(w.MK.App, sent.Id, TrmAction.Refer, OutgoingStatus.Delivered);

        var coordinator = await w.RS.App.NewUserAsync(Role.NationalCoordinator, w.RS.Office.Id);
        var browser = w.RS.App.AnonymousClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInOnPagesAsync(w.RS.App, coordinator)).StatusCode);
        var page = await Pages.ReadAsync(w.RS.Coordinator, "/CrossBorder", "mk"); // in the reader's language (a signed-in browser keeps the account's)
        Assert.Contains("Прекугранични упатувања", page);
        Assert.Contains(registered.Reference, page);
        var version = (await w.RS.App.WithDbAsync(db => db.Set<Conversation>().IgnoreQueryFilters().SingleAsync(c => c.Id == sent.Id))).Version;
        var accepted = await browser.PostFormAsync($"/CrossBorder?handler=Accept&id={sent.Id}&version={version}", new());
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);

        await TwoCountries.UntilStatusAsync(w.RS.App, sent.Id, TrmAction.Accept, OutgoingStatus.Delivered);
        await TwoCountries.UntilAsync(async () => (await w.MK.App.WithDbAsync(db => db.Set<Conversation>().IgnoreQueryFilters().SingleAsync(c => c.Id == sent.Id))).Status
            == ConversationStatus.Accepted, "North Macedonia sees the acceptance");
        var mkPage = await Pages.ReadAsync(w.MK.Coordinator, "/CrossBorder", "en");
        Assert.Contains("Delivered (receipt)", mkPage); // the referral, out
        Assert.Contains("Taken in", mkPage); // the acceptance, in
        // A case worker is not the coordinator's office: the page is not theirs.
        var worker = await w.MK.App.NewUserAsync(Role.CaseWorker, w.MK.Office.Id);
        var workerBrowser = w.MK.App.AnonymousClient();
        await workerBrowser.SignInOnPagesAsync(w.MK.App, worker);
        var denied = await workerBrowser.GetAsync("/CrossBorder");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/Account/Denied", denied.Headers.Location!.OriginalString);
    }

    [Theory, BothProviders]
    public async Task A_regional_notice_reaches_the_peer_s_coordinators(string provider)
    {
        await using var w = await TwoCountries.StartAsync(provider);
        var sent = await w.MK.Coordinator.PostJsonAsync("/api/v1/cross-border/notices",
            new SendNotice.Request("New recruitment pattern", "Fake modelling agencies recruiting on social networks for work abroad."));
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await w.MK.Coordinator.PostJsonAsync("/api/v1/cross-border/notices", new SendNotice.Request("", ""))).StatusCode);

        await TwoCountries.UntilAsync(async () => (await w.MK.App.WithDbAsync(db => db.Set<OutgoingPackage>().SingleAsync(p => p.Action == TrmAction.Notice))).Status
            == OutgoingStatus.Delivered, "the notice delivered");
        var received = Assert.Single((await (await w.RS.Coordinator.GetAsync("/api/v1/cross-border/notices")).ReadAsync<List<SendNotice.NoticeView>>()));
        Assert.Equal((true, "MK", "New recruitment pattern"), (received.Received, received.Country, received.Title));
        Assert.Contains("Fake modelling agencies", await Pages.ReadAsync(w.RS.Coordinator, "/CrossBorder", "en"));
        Assert.Equal(1, await NoticesAsync(w.RS.App, w.RS.Office.Id, "CrossBorder.Notice"));
        Assert.Equal(0, await TwoCountries.CountAsync<Case>(w.RS.App)); // a notice opens no case
    }

    private static PackageHeader Header(Guid conversationId, TwoCountries w, DateTime expires, long sequence) =>
        new(Guid.NewGuid(), conversationId, null, "MK", "RS", TrmPhase.ReturnAndInclusion, TrmAction.FollowUp, null, TrmPackage.SchemaVersion, DateTime.UtcNow, expires, sequence);

    /// <summary>Signs as North Macedonia does (its own sealed key), encrypted to Serbia's current (or the given) key.</summary>
    private static async Task<string> SealAsMkAsync(TwoCountries w, PackageHeader header, PeerKey? to = null)
    {
        var kek = w.MK.App.Services.GetRequiredService<KeyEncryptionKey>();
        var signing = await w.MK.App.WithDbAsync(db => db.Set<InstanceKey>().AsNoTracking().SingleAsync(k => k.Use == KeyUse.Signing && k.ValidUntil == null));
        using var key = InstanceKeys.Open(signing, kek);
        return TrmPackage.Seal(new PackagePayload(header), signing, key, to ?? await EncryptionKeyOfAsync(w.MK.App));
    }

    /// <summary>The peer's current encryption key as <paramref name="app"/> registered it.</summary>
    private static Task<PeerKey> EncryptionKeyOfAsync(TestApp app) => app.WithDbAsync(async db =>
        (await db.Set<Peer>().AsNoTracking().Include(p => p.Keys).SingleAsync()).ValidKey(KeyUse.Encryption, DateTime.UtcNow)!);

    private static Task<string> SigningJwkAsync(TestApp app) =>
        app.WithDbAsync(db => db.Set<InstanceKey>().AsNoTracking().Where(k => k.Use == KeyUse.Signing && k.ValidUntil == null).Select(k => k.PublicJwk).SingleAsync());

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient inbox, string token)
    {
        var response = await inbox.PostAsync("/api/v1/trm/inbox", new StringContent(token, System.Text.Encoding.ASCII, TrmPackage.MediaType));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertRefusedAsync(HttpClient inbox, string token, string receiverSigningJwk, string why)
    {
        var (status, body) = await PostAsync(inbox, token);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        var receipt = TrmPackage.Verify<Receipt>(body, receiverSigningJwk);
        Assert.NotNull(receipt); // an error receipt is signed too
        Assert.Equal(ReceiptStatus.Refused, receipt.Status);
        Assert.Contains(why, receipt.Error);
        Assert.Equal(TrmPackage.Digest(token), receipt.PackageDigest);
    }

    private static Task<int> NoticesAsync(TestApp app, Guid organisationId, string kind) =>
        app.WithDbAsync(db => db.Notifications().IgnoreQueryFilters().CountAsync(n => n.OrganisationId == organisationId && n.Kind == kind));

    private static Task<int> AuditedAsync(TestApp app, AuditAction action) =>
        app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == action.Text()));
}
