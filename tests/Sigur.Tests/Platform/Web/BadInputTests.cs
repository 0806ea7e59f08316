using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform.Web;

/// <summary>Every bad request gets ProblemDetails (RFC 9457) without a stack trace, and nothing is written.</summary>
public sealed class BadInputTests(AppPool pool) : IClassFixture<AppPool>
{
    private static string ValidCaseJson(string givenName = "Ana") =>
        System.Text.Json.JsonSerializer.Serialize(CaseRequests.New(givenName), Json.Options);

    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var provider in Providers.All)
        {
            data.Add(provider, "body over 1 MB", 413);
            data.Add(provider, "JSON nested deeper than 32", 400);
            data.Add(provider, "unknown property", 400);
            data.Add(provider, "NUL in a string", 400);
            data.Add(provider, "lone surrogate in a string", 400);
            data.Add(provider, "not JSON", 400);
            data.Add(provider, "wrong type", 400);
        }
        return data;
    }

    private static string Body(string kind) => kind switch
    {
        "body over 1 MB" => ValidCaseJson().Replace("\"Recruited", "\"" + new string('x', 1_100_000) + "Recruited"),
        "JSON nested deeper than 32" => ValidCaseJson().Replace("\"region\":\"MK008\"", "\"region\":" + new string('[', 40) + new string(']', 40)),
        "unknown property" => ValidCaseJson().Replace("{\"case\":", "{\"victimAddress\":\"x\",\"case\":"),
        "NUL in a string" => ValidCaseJson().Replace("\"Ana\"", "\"An\\u0000a\""),
        "lone surrogate in a string" => ValidCaseJson().Replace("\"Ana\"", "\"An\\ud800a\""),
        "not JSON" => "{\"case\": ",
        "wrong type" => ValidCaseJson().Replace("\"possiblyChild\":false", "\"possiblyChild\":\"perhaps\""),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory, MemberData(nameof(Cases))]
    public async Task Bad_bodies_get_problem_details_and_nothing_is_written(string provider, string kind, int status)
    {
        var app = await pool.GetAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var body = Body(kind);
        Assert.NotEqual(ValidCaseJson(), body);

        var response = await client.PostAsync("/api/v1/cases", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"status\":{status}", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain("Exception", text);
        Assert.Equal(0, await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync(c => c.OrganisationId == org.Id)));

        var good = await client.PostAsync("/api/v1/cases", new StringContent(ValidCaseJson(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, good.StatusCode);
    }

    [Theory, BothProviders]
    public async Task Unknown_routes_and_anonymous_calls_are_problem_details_too(TestApp app)
    {
        var anonymous = await app.AnonymousClient().GetAsync("/api/v1/cases");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);

        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var missing = await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }
}
