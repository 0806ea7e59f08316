using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Cases;
using Sigur.Features.CrossBorder;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.CrossBorder;

/// <summary>
/// Two whole Sigur instances on loopback ports, each with its own database and keys: North Macedonia (the sender in
/// most tests) and Serbia. Each coordinator's office registered the other as a peer after reading its public keys.
/// </summary>
public sealed class TwoCountries : IAsyncDisposable
{
    public sealed record Country(TestApp App, string Code, Organisation Office, HttpClient Coordinator, HttpClient Worker, PeerView Peer);

    public Country MK { get; private set; } = null!;
    public Country RS { get; private set; } = null!;

    public static async Task<TwoCountries> StartAsync(string provider)
    {
        var mk = await TestApp.StartOnLoopbackAsync(provider, b => Configure(b, "MK"));
        var rs = await TestApp.StartOnLoopbackAsync(provider, b => Configure(b, "RS"));
        var world = new TwoCountries();
        var (mkOffice, mkCoordinator, mkWorker) = await OfficeAsync(mk, "MK");
        var (rsOffice, rsCoordinator, rsWorker) = await OfficeAsync(rs, "RS");
        world.MK = new Country(mk, "MK", mkOffice, mkCoordinator, mkWorker, await RegisterAsync(mkCoordinator, "RS", rs, rsCoordinator));
        world.RS = new Country(rs, "RS", rsOffice, rsCoordinator, rsWorker, await RegisterAsync(rsCoordinator, "MK", mk, mkCoordinator));
        return world;
    }

    private static void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder b, string country)
    {
        b.UseSetting("Statistics:ReportingCountry", country);
        b.UseSetting("CrossBorder:PollSeconds", "0.2");
        b.UseSetting("CrossBorder:RetryBaseSeconds", "0.2");
        b.UseSetting("CrossBorder:RetryMaxSeconds", "1");
    }

    /// <summary>The national coordinator's office of the country: a coordinator and a case worker in it.</summary>
    private static async Task<(Organisation, HttpClient, HttpClient)> OfficeAsync(TestApp app, string country)
    {
        var office = await app.WithDbAsync(async db =>
        {
            var o = new Organisation { Name = $"Coordinator's office {country} {Guid.NewGuid():N}"[..40], Type = OrganisationType.NationalCoordinatorOffice, Country = country };
            db.Organisations.Add(o);
            await db.SaveChangesAsync();
            return o;
        });
        return (office, await app.ClientAsync(Role.NationalCoordinator, office.Id), await app.ClientAsync(Role.CaseWorker, office.Id));
    }

    /// <summary>The coordinator reads the other instance's public keys (out of band, in life) and registers it.</summary>
    private static async Task<PeerView> RegisterAsync(HttpClient coordinator, string country, TestApp other, HttpClient otherCoordinator)
    {
        var keys = await (await otherCoordinator.GetAsync("/api/v1/peers/own-keys")).ReadAsync<List<OwnKeyView>>();
        var response = await coordinator.PostJsonAsync("/api/v1/peers", new RegisterPeer.Request(country, $"Coordinator {country}", other.BaseUrl + "/api/v1/trm/inbox",
            keys.Single(k => k.Use == KeyUse.Signing).Jwk, keys.Single(k => k.Use == KeyUse.Encryption).Jwk, [], "CETS 197 art. 32; bilateral TRM protocol"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<PeerView>();
    }

    /// <summary>A case of MK's office with a consent naming Serbia for <paramref name="groups"/>.</summary>
    public async Task<(RegisterCase.Response Case, Guid ConsentId)> CaseWithConsentAsync(params DataGroup[] groups)
    {
        var registered = await MK.Worker.RegisterAsync(CaseRequests.New("Марија", "Петровић"));
        var consent = await MK.Worker.PostJsonAsync($"/api/v1/cases/{registered.Id}/consents", new RecordConsent.Request(ConsentGiver.Person,
            [MK.Peer.OrganisationId], groups, "Referral to Serbia for return and reintegration", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30)));
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        return (registered, (await consent.ReadAsync<ConsentView>()).Id);
    }

    public async Task<ConversationView> ReferAsync(Guid caseId, Guid consentId)
    {
        var response = await MK.Worker.PostJsonAsync("/api/v1/cross-border/referrals", new ReferAbroad.Request(caseId, MK.Peer.Id, consentId,
            TrmPhase.ReturnAndInclusion, [ServiceType.Reintegration, ServiceType.Accommodation], "Low risk on return: family supportive."));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<ConversationView>();
    }

    public static Task<OutgoingPackage> OutgoingAsync(TestApp app, Guid conversationId, TrmAction action) =>
        app.WithDbAsync(db => db.Set<OutgoingPackage>().AsNoTracking().SingleAsync(p => p.ConversationId == conversationId && p.Action == action));

    public static Task<int> CountAsync<T>(TestApp app) where T : class => app.WithDbAsync(db => db.Set<T>().IgnoreQueryFilters().CountAsync());

    /// <summary>Waits for a condition (never for a time): the dispatcher works in the background.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Still not so after two minutes: {what}");
            await Task.Delay(50);
        }
    }

    public static Task UntilStatusAsync(TestApp app, Guid conversationId, TrmAction action, OutgoingStatus status) =>
        UntilAsync(async () => (await OutgoingAsync(app, conversationId, action)).Status == status, $"{action} package {status}");

    public async ValueTask DisposeAsync()
    {
        if (MK is not null) await MK.App.DisposeAsync();
        if (RS is not null) await RS.App.DisposeAsync();
    }
}
