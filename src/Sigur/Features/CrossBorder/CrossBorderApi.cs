using Microsoft.AspNetCore.Http.Features;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>The routes of peers, cross-border referrals and the TRM inbox (start reading at Peer.cs).</summary>
public static class CrossBorderApi
{
    public static IServiceCollection AddCrossBorder(this IServiceCollection services, IConfiguration config)
    {
        services.AddSettings<CrossBorderSettings>(config, "CrossBorder");
        services.AddHttpClient(PackageDispatcher.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<PackageDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PackageDispatcher>());
        services.AddSingleton<Outbox>();
        return services;
    }

    public static RouteGroupBuilder MapCrossBorderApi(this RouteGroupBuilder api)
    {
        var peers = api.MapGroup("/peers").WithTags("Cross-border");
        peers.MapGet("/", ListPeers.Handle).WithSummary("The registered peer countries and their keys");
        peers.MapPost("/", RegisterPeer.Handle)
            .WithSummary("Register a peer country: ISO code, name, inbox, public keys (JWK), allowed organisations, legal basis");
        peers.MapPost("/{id:guid}/keys", RotatePeerKeys.Handle)
            .WithSummary("Register a peer's new key(s); the old ones stay valid for the overlap");
        peers.MapGet("/own-keys", ListPeers.OwnKeys)
            .WithSummary("This instance's public keys as JWK with their RFC 7638 thumbprints");

        var trm = api.MapGroup("/cross-border").WithTags("Cross-border");
        trm.MapPost("/referrals", ReferAbroad.Handle)
            .WithSummary("Refer a case to a peer country (needs a consent in force naming it)");
        trm.MapGet("/conversations", ListConversations.Handle)
            .WithSummary("The organisation's cross-border cases, both ways");
        trm.MapPost("/conversations/{id:guid}/accept", AnswerReferral.Accept)
            .WithSummary("Accept a referral from abroad (the receiving office)");
        trm.MapPost("/conversations/{id:guid}/decline", AnswerReferral.Decline)
            .WithSummary("Decline a referral from abroad, with a reason (the receiving office)");
        trm.MapPost("/notices", SendNotice.Handle)
            .WithSummary("Send a regional notice without personal data to every peer");
        trm.MapGet("/notices", SendNotice.List)
            .WithSummary("Regional notices sent and received");
        trm.MapGet("/packages", ListPackages.Handle)
            .WithSummary("Packages in and out: status, age, attempts, errors");

        // The package is the credential: signed by a registered peer's key, encrypted to ours (see ReceivePackage).
        api.MapPost(ReceivePackage.Route, ReceivePackage.Handle).AllowAnonymous().WithTags("Cross-border")
            .Accepts<string>(TrmPackage.MediaType).WithSummary("The TRM inbox: a package in, a signed receipt out");
        return api;
    }
}
