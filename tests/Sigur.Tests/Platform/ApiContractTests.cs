using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sigur.Platform.Web;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// The OpenAPI document tells the truth: one schema per request and response type, a type on every property, the
/// bearer scheme where it is needed, the error answers and an operation id on every operation. CI lints the
/// document that <see cref="The_document_is_written_for_the_linter"/> writes with Spectral's spectral:oas ruleset.
/// </summary>
public sealed class ApiContractTests(AppPool pool) : IClassFixture<AppPool>
{
    private async Task<(TestApp App, JsonObject Document)> DocumentAsync()
    {
        var app = await pool.GetAsync(Providers.Sqlite);
        var text = await app.AnonymousClient().GetStringAsync("/openapi/v1.json");
        return (app, JsonNode.Parse(text)!.AsObject());
    }

    private static IEnumerable<(string Path, string Method, JsonObject Operation)> Operations(JsonObject document) =>
        document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(m => m.Key is "get" or "post" or "put" or "patch" or "delete")
            .Select(m => (p.Key, m.Key, m.Value!.AsObject())));

    private static string? BodyRef(JsonObject operation) =>
        operation["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"]?.GetValue<string>();

    [Fact]
    public async Task Every_request_and_response_type_has_a_schema_of_its_own()
    {
        var (app, document) = await DocumentAsync();
        var ids = new Dictionary<string, Type>();
        var options = app.Services.GetRequiredService<IOptionsMonitor<OpenApiOptions>>().Get(ApiContract.DocumentName);
        var json = app.Services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var groups = app.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items;
        var types = groups.SelectMany(g => g.Items).SelectMany(d =>
                d.ParameterDescriptions.Where(p => p.Source == BindingSource.Body).Select(p => p.Type)
                    .Concat(d.SupportedResponseTypes.Select(r => r.Type)))
            .OfType<Type>().Where(t => t != typeof(void) && !typeof(IResult).IsAssignableFrom(t)).Distinct();
        foreach (var type in types)
        {
            if (options.CreateSchemaReferenceId(json.GetTypeInfo(type)) is not { } id) continue;
            if (ids.TryGetValue(id, out var other) && other != type)
                Assert.Fail($"{type} and {other} share the schema {id}.");
            ids[id] = type;
        }

        var all = Operations(document).ToList();
        var register = all.Single(o => o.Path == "/api/v1/cases" && o.Method == "post").Operation;
        var token = all.Single(o => o.Path == "/api/v1/auth/token" && o.Method == "post").Operation;
        Assert.Equal("#/components/schemas/RegisterCaseRequest", BodyRef(register));
        Assert.Equal("#/components/schemas/IssueTokenRequest", BodyRef(token));
        Assert.Single(all, o => BodyRef(o.Operation) == BodyRef(token));
    }

    [Fact]
    public async Task Every_property_has_a_type()
    {
        var (_, document) = await DocumentAsync();
        var untyped = new List<string>();
        void Walk(JsonNode? node, string path)
        {
            if (node is not JsonObject schema) return;
            if (!new[] { "type", "$ref", "allOf", "oneOf", "anyOf", "enum", "const" }.Any(schema.ContainsKey)) untyped.Add(path);
            if (schema["type"]?.ToJsonString().Contains("array", StringComparison.Ordinal) == true && schema["items"] is null) untyped.Add(path + "[]");
            foreach (var (name, property) in schema["properties"]?.AsObject() ?? []) Walk(property, $"{path}.{name}");
            Walk(schema["items"], path + "[]");
            if (schema["additionalProperties"] is JsonObject values) Walk(values, path + "{}");
        }
        foreach (var (name, schema) in document["components"]!["schemas"]!.AsObject()) Walk(schema, name);
        Assert.Empty(untyped);
    }

    [Fact]
    public async Task Operations_name_themselves_their_bearer_scheme_and_their_error_answers()
    {
        var (app, document) = await DocumentAsync();
        var scheme = document["components"]!["securitySchemes"]![ApiContract.BearerScheme]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());

        var descriptions = app.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items).ToDictionary(d => (System.Text.RegularExpressions.Regex.Replace("/" + d.RelativePath!, "{([^}:]+):[^}]+}", "{$1}").TrimEnd('/'), d.HttpMethod!.ToLowerInvariant()));
        var operationIds = new HashSet<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var where = $"{method.ToUpperInvariant()} {path}";
            var id = operation["operationId"]?.GetValue<string>();
            Assert.False(string.IsNullOrEmpty(id), where);
            Assert.True(operationIds.Add(id!), $"{where}: operation id {id} twice");

            var responses = operation["responses"]!.AsObject();
            Assert.True(responses.ContainsKey("400"), where);
            var metadata = descriptions[(path, method)].ActionDescriptor.EndpointMetadata;
            var authorised = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();
            if (authorised)
            {
                Assert.Equal(ApiContract.BearerScheme, Assert.Single(Assert.Single(operation["security"]!.AsArray())!.AsObject()).Key);
                Assert.True(responses.ContainsKey("401"), where);
                Assert.True(responses.ContainsKey("403"), where);
            }
            else
            {
                Assert.Null(operation["security"]);
            }
            if (path.Contains('{', StringComparison.Ordinal)) Assert.True(responses.ContainsKey("404"), where);
            if (operation["requestBody"] is not null) Assert.True(responses.ContainsKey("413"), where);
            foreach (var (status, response) in responses.Where(r => r.Key[0] is '4'))
            {
                var schema = response!["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
                Assert.True(schema is "#/components/schemas/ProblemDetails" or "#/components/schemas/HttpValidationProblemDetails", $"{where} {status}: {schema}");
            }
        }
        Assert.True(operationIds.Count > 100);
        var editCase = Operations(document).Single(o => o.Path == "/api/v1/cases/{id}" && o.Method == "put").Operation["responses"]!.AsObject();
        Assert.True(editCase.ContainsKey("409"));
        var token = Operations(document).Single(o => o.Path == "/api/v1/auth/token" && o.Method == "post").Operation["responses"]!.AsObject();
        Assert.True(token.ContainsKey("429"));
    }

    /// <summary>CI (.ci/run) sets SIGUR_OPENAPI_OUT and lints what this writes; elsewhere it only checks the document parses.</summary>
    [Fact]
    public async Task The_document_is_written_for_the_linter()
    {
        var (app, document) = await DocumentAsync();
        Assert.Equal("3.1.1", document["openapi"]!.GetValue<string>());
        var target = Environment.GetEnvironmentVariable("SIGUR_OPENAPI_OUT");
        if (string.IsNullOrEmpty(target)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
        await File.WriteAllTextAsync(target, await app.AnonymousClient().GetStringAsync("/openapi/v1.json"));
        Assert.True(new FileInfo(target).Length > 0);
    }
}
