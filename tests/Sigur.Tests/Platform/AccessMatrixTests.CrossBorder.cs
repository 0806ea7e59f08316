using System.Net;
using System.Security.Cryptography;
using Sigur.Features.CrossBorder;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>The access matrix rows of peers and cross-border referrals.</summary>
public sealed partial class AccessMatrixTests
{
    private static int _peerCountries;

    /// <summary>A two-letter code no other row has taken (never MK, the reporting country): peers are unique per country.</summary>
    private static string FreshCountry()
    {
        string code;
        do
        {
            var n = Interlocked.Increment(ref _peerCountries);
            code = $"{(char)('A' + n / 26 % 26)}{(char)('A' + n % 26)}";
        } while (code == "MK");
        return code;
    }

    private static string FreshJwk(KeyUse use)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return InstanceKeys.PublicJwk(key.ExportParameters(false), use);
    }

    /// <summary>A peer whose inbox is nowhere (nothing is delivered in the matrix), allowing the record's organisation to send.</summary>
    private static Task<Peer> FreshPeer(World w, Record r) => w.App.WithDbAsync(async db =>
    {
        var country = FreshCountry();
        var standIn = new Organisation { Name = $"Matrix peer {country}", Type = OrganisationType.NationalCoordinatorOffice, Country = country };
        var peer = new Peer
        {
            Country = country, Name = "Matrix peer", InboxUrl = "http://127.0.0.1:9/api/v1/trm/inbox", LegalBasis = "matrix", AllowedOrganisationIds = [w.Own.Id, w.Other.Id],
            OrganisationId = standIn.Id, ReceivingOrganisationId = OrgOf(w, r).Id, RegisteredAt = DateTime.UtcNow,
        };
        foreach (var use in Enum.GetValues<KeyUse>())
        {
            var jwk = FreshJwk(use);
            peer.Keys.Add(new PeerKey { PeerId = peer.Id, Use = use, Jwk = jwk, Kid = InstanceKeys.ParsePublicJwk(jwk) is { } p ? InstanceKeys.Thumbprint(p) : "", ValidFrom = DateTime.UtcNow.AddMinutes(-1) });
        }
        db.Organisations.Add(standIn);
        db.Add(peer);
        await db.SaveChangesAsync();
        return peer;
    });

    /// <summary>A referral from the fresh peer to the record's organisation, waiting for an answer.</summary>
    private static async Task<Conversation> FreshIncoming(World w, Record r)
    {
        var peer = await FreshPeer(w, r);
        var caseId = await FreshCase(w, r, open: false);
        return await w.App.WithDbAsync(async db =>
        {
            var c = new Conversation
            {
                PeerId = peer.Id, OrganisationId = OrgOf(w, r).Id, CaseId = caseId, Side = ConversationSide.Incoming, CaseReference = "M", PeerCaseReference = "P",
                Phase = TrmPhase.Identification, Services = [ServiceType.Legal], StartedAt = DateTime.UtcNow, ReceivedSequence = 1,
            };
            db.Add(c);
            await db.SaveChangesAsync();
            return c;
        });
    }

    private static async Task<HttpResponseMessage> FreshReferralAbroad(World w, Record r, HttpClient client)
    {
        var peer = await FreshPeer(w, Record.Own);
        var caseId = await FreshCase(w, r);
        var consentId = await w.App.WithDbAsync(async db =>
        {
            var consent = new Consent
            {
                CaseId = caseId, OrganisationId = OrgOf(w, r).Id, RecipientOrganisationIds = [peer.OrganisationId], DataGroups = [DataGroup.Identity], Purpose = "matrix",
                RecordedAt = DateTime.UtcNow, RecordedBy = Guid.NewGuid(), ValidUntil = DateTime.UtcNow.AddDays(30),
            };
            db.Add(consent);
            await db.SaveChangesAsync();
            return consent.Id;
        });
        return await client.PostJsonAsync("/api/v1/cross-border/referrals",
            new ReferAbroad.Request(caseId, peer.Id, consentId, TrmPhase.Identification, [ServiceType.Legal]));
    }

    private static Row[] CrossBorderRows =>
    [
        new("GET", "/api/v1/peers/", Policies.CrossBorder, (w, r, c) => c.GetAsync("/api/v1/peers"), HttpStatusCode.OK),
        new("GET", "/api/v1/peers/own-keys", Policies.CrossBorder, (w, r, c) => c.GetAsync("/api/v1/peers/own-keys"), HttpStatusCode.OK),
        new("POST", "/api/v1/peers/", Policies.CrossBorder, (w, r, c) => c.PostJsonAsync("/api/v1/peers", new RegisterPeer.Request(FreshCountry(), "Matrix peer",
            "https://peer.example/api/v1/trm/inbox", FreshJwk(KeyUse.Signing), FreshJwk(KeyUse.Encryption), [], "matrix")), HttpStatusCode.Created),
        new("POST", "/api/v1/peers/{id:guid}/keys", Policies.CrossBorder, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/peers/{(await FreshPeer(w, r)).Id}/keys", new RotatePeerKeys.Request(0, FreshJwk(KeyUse.Signing), null)), HttpStatusCode.OK),
        new("POST", "/api/v1/cross-border/referrals", Policies.Refer, FreshReferralAbroad, HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/cross-border/conversations", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/cross-border/conversations"), HttpStatusCode.OK),
        new("POST", "/api/v1/cross-border/conversations/{id:guid}/accept", Policies.CrossBorder, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/cross-border/conversations/{(await FreshIncoming(w, r)).Id}/accept", new AnswerReferral.Request(0)),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cross-border/conversations/{id:guid}/decline", Policies.CrossBorder, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/cross-border/conversations/{(await FreshIncoming(w, r)).Id}/decline", new AnswerReferral.Request(0, "No shelter place")),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cross-border/notices", Policies.CrossBorder, (w, r, c) => c.PostJsonAsync("/api/v1/cross-border/notices",
            new SendNotice.Request("Matrix notice", "A warning without personal data.")), HttpStatusCode.Created),
        new("GET", "/api/v1/cross-border/notices", Policies.CrossBorder, (w, r, c) => c.GetAsync("/api/v1/cross-border/notices"), HttpStatusCode.OK),
        new("GET", "/api/v1/cross-border/packages", Policies.CrossBorder, (w, r, c) => c.GetAsync("/api/v1/cross-border/packages"), HttpStatusCode.OK),
    ];
}
