using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// Error answers say what went wrong and no more: the problem type is the section of the status answered (not the
/// 500 section), 401 and 413 carry one too, no detail names an internal type, and an endpoint that reads no body
/// refuses one.
/// </summary>
public sealed class ProblemTypeTests(AppPool pool) : IClassFixture<AppPool>
{
    private const string BadRequestType = "https://tools.ietf.org/html/rfc9110#section-15.5.1";

    private static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Sigur.", text);
        Assert.DoesNotContain("System.", text);
        Assert.DoesNotContain("+Request", text);
        return JsonNode.Parse(text)!.AsObject();
    }

    public static TheoryData<string, string> BadBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { Providers.Sqlite, Providers.Postgres })
            foreach (var kind in new[] { "unknown property", "wrong type", "not JSON", "NUL in a string" })
                data.Add(provider, kind);
        return data;
    }

    [Theory, MemberData(nameof(BadBodies))]
    public async Task A_bad_body_is_a_400_problem_that_names_no_internal_type(string provider, string kind)
    {
        var app = await pool.GetAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var created = await client.RegisterAsync();
        var valid = CaseRequests.New();
        var body = JsonSerializer.Serialize(new EditCase.Request(1, 1, valid.Case, valid.Person!), Json.Options);
        body = kind switch
        {
            "unknown property" => body.Replace("{\"version\"", "{\"victimAddress\":\"x\",\"version\"", StringComparison.Ordinal),
            "wrong type" => body.Replace("\"version\":1", "\"version\":\"soon\"", StringComparison.Ordinal),
            "not JSON" => "{\"version\": ",
            "NUL in a string" => body.Replace("\"MK008\"", "\"MK\\u0000008\"", StringComparison.Ordinal),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.NotEqual(JsonSerializer.Serialize(new EditCase.Request(1, 1, valid.Case, valid.Person!), Json.Options), body);
        var response = await client.PutAsync($"/api/v1/cases/{created.Id}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(BadRequestType, problem["type"]!.GetValue<string>());
        Assert.Equal(400, problem["status"]!.GetValue<int>());
    }

    [Theory, BothProviders]
    public async Task Unauthorised_and_too_large_answers_have_a_type(TestApp app)
    {
        var anonymous = await ProblemAsync(await app.AnonymousClient().GetAsync("/api/v1/cases"), HttpStatusCode.Unauthorized);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.2", anonymous["type"]!.GetValue<string>());

        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var huge = new StringContent("{\"x\":\"" + new string('x', 1_100_000) + "\"}", Encoding.UTF8, "application/json");
        var tooLarge = await ProblemAsync(await client.PostAsync("/api/v1/cases", huge), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.14", tooLarge["type"]!.GetValue<string>());

        var forbidden = await ProblemAsync(await (await app.ClientAsync(Role.Analyst, org.Id)).GetAsync("/api/v1/cases"), HttpStatusCode.Forbidden);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.4", forbidden["type"]!.GetValue<string>());
    }

    [Theory, BothProviders]
    public async Task An_endpoint_that_reads_no_body_refuses_one(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);

        var withBody = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me") { Content = new StringContent("{\"role\":\"Administrator\"}", Encoding.UTF8, "application/json") };
        var refused = await ProblemAsync(await client.SendAsync(withBody), HttpStatusCode.BadRequest);
        Assert.Equal(BadRequestType, refused["type"]!.GetValue<string>());
        var markRead = await client.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/read", new StringContent("{}", Encoding.UTF8, "application/json"));
        await ProblemAsync(markRead, HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/read", null)).StatusCode);
    }
}
