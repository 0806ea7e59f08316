using System.Reflection;
using System.Text;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Sigur.Platform.Web;

/// <summary>
/// The OpenAPI document, made truthful in one place rather than endpoint by endpoint: distinct schema names for the
/// nested <c>Request</c>/<c>Response</c> records of each use case, a type on every string (the
/// <see cref="SafeStringConverter"/> hides it from the generator), the bearer scheme on every operation that needs it,
/// the error answers the platform gives (ProblemDetails), and an operation id for each operation.
/// </summary>
public static class ApiContract
{
    public const string DocumentName = "v1";
    public const string BearerScheme = "Bearer";
    public const string ProblemSchema = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    public static IServiceCollection AddApiContract(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, o =>
        {
            o.CreateSchemaReferenceId = SchemaId;
            o.AddSchemaTransformer(TypeStrings);
            o.AddOperationTransformer(DescribeOperation);
            o.AddDocumentTransformer(DescribeDocument);
        });
        // The reference page (/api/reference) runs the Scalar bundle the package serves from this host. Sigur is often
        // run where nothing outside can be reached, and a page of it should call nobody else: no web fonts, no
        // telemetry, no AI agent or MCP links, no client download, no developer toolbar.
        services.Configure<ScalarOptions>(o => o
            .WithTitle("Sigur API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideClientButton()
            .HideDeveloperTools()
            // The bundle has no switch for its "Powered by" link in the sidebar; its own style sheet hides it.
            .WithCustomCss(".darklight-reference a[href*=\"scalar.com\"] { display: none; }"));
        return services;
    }

    /// <summary>
    /// A use case's records are nested (<c>RegisterCase.Request</c>), so the default names (<c>Request</c>) collide and
    /// the generator then reuses one schema for all of them. The declaring types make the name: <c>RegisterCaseRequest</c>.
    /// </summary>
    public static string? SchemaId(JsonTypeInfo info)
    {
        var fallback = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (fallback is null) return null;
        var id = info.Type.Name.StartsWith("<>", StringComparison.Ordinal) || !(info.Type.IsNested || info.Type.IsGenericType) ? fallback : TypeName(info.Type);
        // OpenAPI allows letters, digits, '.', '_' and '-' in a component's name (an anonymous type's name holds "[]").
        return System.Text.RegularExpressions.Regex.Replace(id.Replace("[]", "Array", StringComparison.Ordinal), "[^A-Za-z0-9._-]", "");
    }

    private static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return TypeName(inner);
        if (type.IsArray) return "ArrayOf" + TypeName(type.GetElementType()!);
        var name = type.Name;
        if (type.IsGenericType)
            name = name[..name.IndexOf('`', StringComparison.Ordinal)] + "Of" + string.Join("And", type.GetGenericArguments().Select(TypeName));
        return type.IsNested && !type.IsGenericParameter ? TypeName(type.DeclaringType!) + name : name;
    }

    /// <summary>
    /// Strings go through <see cref="SafeStringConverter"/>, and the generator describes a type with a custom converter
    /// as anything at all (<c>{}</c>), dropping the items of string lists too: say what they are.
    /// </summary>
    private static Task TypeStrings(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var info = context.JsonTypeInfo;
        if (info.Type == typeof(string) && schema.Type is null)
        {
            var nullable = context.JsonPropertyInfo is { } p ? p.IsGetNullable : context.ParameterDescription?.IsRequired == false;
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
        }
        if (schema.Type?.HasFlag(JsonSchemaType.Array) == true && schema.Items is null && info.ElementType is { } element)
            schema.Items = StringsOf(element);
        if (info.Kind == JsonTypeInfoKind.Dictionary && schema.AdditionalProperties is OpenApiSchema values
            && values.Type?.HasFlag(JsonSchemaType.Array) == true && values.Items is null && info.ElementType is { } valueType)
            values.Items = StringsOf(valueType.IsArray ? valueType.GetElementType()! : valueType.GetGenericArguments().FirstOrDefault() ?? valueType);
        return Task.CompletedTask;
    }

    private static OpenApiSchema? StringsOf(Type element) =>
        element == typeof(string) ? new OpenApiSchema { Type = JsonSchemaType.String } : null;

    private static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var document = context.Document!;
        operation.OperationId ??= OperationId(description);
        operation.Responses ??= [];

        var method = description.HttpMethod ?? "GET";
        var hasBody = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form || p.Source == BindingSource.FormFile);
        var hasRouteValues = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path);
        var results = ResultTypes(metadata);
        var answersProblems = results.Contains(typeof(ProblemHttpResult));
        var authorised = metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any();

        Add(operation, document, 400, "The request is malformed or invalid (an endpoint without a body also refuses one).");
        if (authorised)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            Add(operation, document, 401, "No valid bearer token.");
            Add(operation, document, 403, "The user's role may not do this.");
        }
        if (hasRouteValues || (answersProblems && hasBody) || results.Any(IsNotFound))
            Add(operation, document, 404, "Not found, or outside the user's need-to-know scope (never 403 for a record).");
        if (method != "GET" && (answersProblems || results.Any(IsConflict)))
            Add(operation, document, 409, "The record changed meanwhile, or its state does not allow this.");
        if (hasBody)
            Add(operation, document, 413, $"The request body is larger than {metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>().LastOrDefault()?.MaxRequestBodySize ?? RequestLimits.MaxBodyBytes} bytes.");
        if (results.Any(t => t == typeof(FileContentHttpResult)) && !operation.Responses.Keys.Any(k => k.StartsWith('2')))
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "The file, in the format asked for.",
                Content = new Dictionary<string, OpenApiMediaType> { ["*/*"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } } },
            };
        var throttled = metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters().Any(p => p.ParameterType == typeof(Access.SignInThrottle)) == true;
        if (throttled || metadata.OfType<EnableRateLimitingAttribute>().Any())
            Add(operation, document, 429, "Too many attempts; try again after the time in Retry-After.");
        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A validation answer already documented by the endpoint keeps its richer schema.
        if (operation.Responses!.TryGetValue(key, out var existing) && existing.Content is { Count: > 0 })
        {
            if (existing is OpenApiResponse r) r.Description = description;
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemJson] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
            },
        };
    }

    /// <summary>The result types a handler declares (<c>Results&lt;Ok&lt;T&gt;, NotFound, …&gt;</c>).</summary>
    private static HashSet<Type> ResultTypes(IList<object> metadata)
    {
        var types = new HashSet<Type>();
        if (metadata.OfType<MethodInfo>().FirstOrDefault() is not { } handler) return types;
        var type = handler.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            type = type.GetGenericArguments()[0];
        if (type.IsGenericType && type.Namespace == typeof(Results<,>).Namespace && type.Name.StartsWith("Results`", StringComparison.Ordinal))
            types.UnionWith(type.GetGenericArguments());
        else
            types.Add(type);
        return types;
    }

    private static bool IsNotFound(Type t) => t == typeof(NotFound) || (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(NotFound<>));
    private static bool IsConflict(Type t) => t == typeof(Conflict) || (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Conflict<>));

    /// <summary>
    /// The use case's name (<c>RegisterCase</c>, <c>ChangeClockExtend</c>), or for an inline handler the method and the
    /// literal path segments (<c>postAdminUsersDisable</c>); camel case, unique within the document.
    /// </summary>
    public static string OperationId(ApiDescription description)
    {
        var handler = description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault();
        string name;
        if (handler is not null && !handler.Name.Contains('<', StringComparison.Ordinal) && handler.DeclaringType is { } type && !type.Name.Contains('<', StringComparison.Ordinal))
        {
            name = handler.Name == "Handle" ? TypeName(type) : TypeName(type) + handler.Name;
        }
        else
        {
            var words = new StringBuilder((description.HttpMethod ?? "get").ToLowerInvariant());
            foreach (var segment in (description.RelativePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (segment is "api" or "v1" || segment.StartsWith('{')) continue;
                foreach (var word in segment.Split('-', StringSplitOptions.RemoveEmptyEntries))
                    words.Append(char.ToUpperInvariant(word[0])).Append(word[1..]);
            }
            name = words.ToString();
        }
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static Task DescribeDocument(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Sigur API",
            Version = DocumentName,
            Description = "Case management, referral and statistics of a national anti-trafficking mechanism. Obtain a bearer token from "
                + "`POST /api/v1/auth/token` (user name, password and authenticator code) and send it as `Authorization: Bearer …`. "
                + "Every error is RFC 9457 ProblemDetails; records outside the user's need-to-know scope answer 404.",
        };
        // The host's own address, as every server is written (Spectral: no trailing slash).
        foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The access token from POST /api/v1/auth/token.",
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details. Never names internal types, never echoes personal data.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        return Task.CompletedTask;
    }
}
