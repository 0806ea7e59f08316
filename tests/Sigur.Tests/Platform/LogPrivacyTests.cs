using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>Logs carry identifiers only: a canary name never appears in what a create, read, search and failed validation log.</summary>
public sealed class LogPrivacyTests
{
    [Theory, BothProviders]
    public async Task A_canary_name_never_reaches_the_logs(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var canary = "Logkanarinac" + Guid.NewGuid().ToString("N")[..8];

        var created = await client.RegisterAsync(CaseRequests.New(canary, canary + "ić", canary + " narrative"));
        (await client.GetAsync($"/api/v1/cases/{created.Id}")).EnsureSuccessStatusCode();
        (await client.PostJsonAsync("/api/v1/cases/search", new Sigur.Features.Cases.SearchCases.Request(canary))).EnsureSuccessStatusCode();
        var invalid = CaseRequests.New(canary) with { Person = CaseRequests.New(canary).Person! with { Citizenships = [canary] } };
        var refused = await client.PostJsonAsync("/api/v1/cases", invalid);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var traceId = System.Text.Json.JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("traceId").GetString()!;
        var unreadable = System.Text.Json.JsonSerializer.Serialize(CaseRequests.New(canary), Json.Options).Replace("{\"case\":", $"{{\"{canary}\":1,\"case\":");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest,
            (await client.PostAsync("/api/v1/cases", new StringContent(unreadable, System.Text.Encoding.UTF8, "application/json"))).StatusCode);

        Assert.NotEmpty(app.Logs.Lines);
        Assert.DoesNotContain(canary, app.Logs.All, StringComparison.OrdinalIgnoreCase); // scopes included

        // Structured: what a request logs carries its request id, the one its ProblemDetails gives the user to quote.
        var requestLines = app.Logs.Lines.Where(l => l.Contains(" Microsoft.AspNetCore.Hosting.Diagnostics: Request ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requestLines);
        Assert.All(requestLines, l => Assert.Contains("[RequestId=", l));
        Assert.Contains(app.Logs.Lines, l => l.Contains($"[RequestId={traceId}]", StringComparison.Ordinal));
    }
}
