using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Sigur.Features.Shared;

namespace Sigur.Tests.Features.Shared;

/// <summary>The API map takes each endpoint's policy from its use case, and refuses to start without one or with another.</summary>
public sealed class UseCasePoliciesTests
{
    public static class Declared
    {
        public const string Policy = "Read";
        public const string WritePolicy = "Write";

        public static Ok Handle() => TypedResults.Ok();

        [Policy(WritePolicy)]
        public static Ok Change() => TypedResults.Ok();
    }

    private static List<Endpoint> Build(Action<RouteGroupBuilder> map)
    {
        var app = WebApplication.CreateBuilder().Build();
        map(app.MapGroup("/api").RequireUseCasePolicies());
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).ToList();
    }

    private static string? PolicyOf(Endpoint e) => Assert.Single(e.Metadata.GetOrderedMetadata<IAuthorizeData>()).Policy;

    [Fact]
    public void The_use_case_s_policy_and_a_handler_s_own_are_required()
    {
        var endpoints = Build(api =>
        {
            api.MapGet("/read", Declared.Handle);
            api.MapPost("/change", Declared.Change);
        });
        Assert.Equal("Read", PolicyOf(endpoints.Single(e => e.DisplayName!.Contains("/read"))));
        Assert.Equal("Write", PolicyOf(endpoints.Single(e => e.DisplayName!.Contains("/change"))));
    }

    [Fact]
    public void A_handler_without_a_policy_stops_the_start()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(api => api.MapGet("/open", () => TypedResults.Ok())));
        Assert.Contains("declares no policy", ex.Message);
    }

    [Fact]
    public void A_map_that_names_another_policy_than_the_use_case_stops_the_start()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Build(api => api.MapGet("/read", Declared.Handle).RequireAuthorization("Write")));
        Assert.Contains("but its use case declares Read", ex.Message);
    }

    [Fact]
    public void Anonymous_endpoints_need_no_policy()
    {
        var endpoint = Assert.Single(Build(api => api.MapPost("/token", () => TypedResults.Ok()).AllowAnonymous()));
        Assert.Empty(endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>());
    }
}
