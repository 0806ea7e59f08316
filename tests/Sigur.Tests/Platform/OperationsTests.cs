using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Platform.Operations;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>Issue 21 §5: health endpoints and metrics tell operators how Sigur is doing and nothing about any record.</summary>
public sealed class OperationsTests
{
    private const string MetricsToken = "test-scrape-token-0123456789";

    [Theory, BothProviders]
    public async Task Live_and_ready_answer_one_word_and_ready_fails_without_a_usable_key(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var anonymous = app.AnonymousClient();
        await AssertAnswers(anonymous, "/health/live", HttpStatusCode.OK, "Healthy");
        await AssertAnswers(anonymous, "/health/ready", HttpStatusCode.OK, "Healthy");

        // Every key revoked: nothing can be encrypted, so the instance must leave the load balancer; it still lives.
        app.Services.GetRequiredService<IKeyManager>().RevokeAllKeys(DateTimeOffset.UtcNow, "operations test");
        await AssertAnswers(anonymous, "/health/ready", HttpStatusCode.ServiceUnavailable, "Unhealthy");
        await AssertAnswers(anonymous, "/health/live", HttpStatusCode.OK, "Healthy");
    }

    [Theory, BothProviders]
    public async Task Metrics_show_rates_latencies_queue_and_lag_by_route_template_and_only_to_the_operator(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, b => b.UseSetting("Operations:MetricsToken", MetricsToken));
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var canary = "Metrikanarinac" + Guid.NewGuid().ToString("N")[..8];
        var created = await client.RegisterAsync(CaseRequests.New(canary, canary));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/cases/{created.Id}")).StatusCode);

        // The fact snapshot is built, then one more write: the journal is one generation ahead of it.
        await app.WithDbAsync(db => app.Services.GetRequiredService<FactSnapshot>()
            .ReadAsync(db, CountingUnit.Person, ReferenceDate.Intake, _ => 0, CancellationToken.None));
        await client.RegisterAsync(CaseRequests.New(canary, canary));
        await app.Services.GetRequiredService<Sigur.Features.Statistics.StatisticsJournalLag>().SampleAsync(CancellationToken.None);

        var operatorClient = app.AnonymousClient();
        operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken);
        var response = await operatorClient.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var metrics = await response.Content.ReadAsStringAsync();
        Assert.True(metrics.Contains("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal), metrics);
        Assert.Contains("http_route=\"/api/v1/cases/{id:guid}\"", metrics);
        Assert.Contains("sigur_audit_queue_depth", metrics);
        Assert.Matches(@"(?m)^sigur_statistics_journal_lag(\{[^}]*\})? 1(\s|$)", metrics);
        Assert.DoesNotContain(created.Id.ToString(), metrics, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(canary, metrics, StringComparison.OrdinalIgnoreCase);

        // Not for anyone else: no token (test requests come from no address, not from loopback), a wrong one, a user's.
        Assert.Equal(HttpStatusCode.Redirect, (await app.AnonymousClient().GetAsync("/metrics")).StatusCode);
        var wrong = app.AnonymousClient();
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsToken + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/metrics")).StatusCode);
    }

    private static async Task AssertAnswers(HttpClient client, string path, HttpStatusCode status, string body)
    {
        var response = await client.GetAsync(path);
        Assert.Equal((status, body), (response.StatusCode, await response.Content.ReadAsStringAsync()));
    }
}
