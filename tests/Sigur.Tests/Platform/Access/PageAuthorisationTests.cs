using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform.Access;

/// <summary>
/// The access matrix of the pages: every page handler has a declared policy (the page's class names who may see the
/// page, a handler that does more names its use case's policy), and every handler answers every role as that
/// declaration says — 403 to each role outside it, something other than 403 to each role within.
/// </summary>
public sealed partial class PageAuthorisationTests(AppPool pool) : IClassFixture<AppPool>
{
    private sealed record Handler(Type Page, string Verb, string Name, string? ClassPolicy, string? HandlerPolicy)
    {
        public override string ToString() => $"{Verb} {Page.FullName}{(Name.Length == 0 ? "" : "?handler=" + Name)}";

        public bool Allows(Role role) => (ClassPolicy is null || Policies.RolesOf(ClassPolicy).Contains(role))
                                         && (HandlerPolicy is null || Policies.RolesOf(HandlerPolicy).Contains(role));
    }

    private static List<Type> Pages() =>
        [.. typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract)];

    private static List<Handler> Handlers() =>
        [.. Pages().SelectMany(page => page.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => (Method: m, Match: HandlerName().Match(m.Name)))
            .Where(x => x.Match.Success)
            .Select(x => new Handler(page, x.Match.Groups[1].Value.ToUpperInvariant(), x.Match.Groups[2].Value,
                page.GetCustomAttribute<AuthorizeAttribute>()?.Policy, PolicyAttribute.Of(x.Method))))];

    [Fact]
    public void Every_page_model_carries_an_explicit_policy_or_allow_anonymous()
    {
        var pages = Pages();
        Assert.NotEmpty(pages);
        var known = Policies.All;
        foreach (var page in pages)
        {
            var anonymous = page.GetCustomAttribute<AllowAnonymousAttribute>() is not null;
            var policy = page.GetCustomAttribute<AuthorizeAttribute>()?.Policy;
            Assert.True(anonymous ^ policy is not null, $"{page.FullName} must carry exactly one of [Authorize(Policy = ...)] or [AllowAnonymous]");
            if (policy is not null) Assert.Contains(policy, known);
            if (anonymous) Assert.StartsWith("Sigur.Features.Account.", page.FullName, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_handler_has_a_declared_policy_and_a_write_outside_its_page_policy_names_its_own()
    {
        var handlers = Handlers();
        Assert.True(handlers.Count > 100, $"only {handlers.Count} handlers found");
        var undeclared = handlers.Where(h => h.ClassPolicy is null && !h.Page.FullName!.StartsWith("Sigur.Features.Account.", StringComparison.Ordinal));
        Assert.Equal([], undeclared.Select(h => h.ToString()).ToList());
        Assert.Equal([], handlers.Where(h => h.HandlerPolicy is { } p && !Policies.All.Contains(p)).Select(h => h.ToString()).ToList());
        // Pages that mix reading and writing: each of their POST handlers names the use case's policy.
        foreach (var page in new[] { "Cases.DetailsModel", "Identification.CaseModel", "Assistance.CaseModel", "Reintegration.CaseModel",
                     "Fund.IndexModel", "Shelters.ManageModel", "Referrals.ReferModel", "Services.IndexModel", "Justice.CatalogueModel",
                     "Shelters.RegisterModel", "Fund.GrantsModel", "Statistics.ImportModel" })
            Assert.All(handlers.Where(h => h.Page.FullName == "Sigur.Features." + page && h.Verb == "POST"),
                h => Assert.True(h.HandlerPolicy is not null, $"{h} names no policy"));
    }

    /// <summary>
    /// Each role signs in once and calls every handler (ids that do not exist; an empty form). The answer to a role
    /// outside the handler's policy must be exactly 403, before anything runs. Authorisation does not depend on
    /// the database, so this runs on SQLite only.
    /// </summary>
    [Fact]
    public async Task Every_page_handler_answers_every_role_as_its_policy_says()
    {
        var app = await pool.GetAsync(Providers.Sqlite);
        var routes = Routes(app);
        var handlers = Handlers().Where(h => h.ClassPolicy is not null).ToList();
        var coordinatorOffice = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var other = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var failures = new List<string>();
        var calls = 0;
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.ClientAsync(role, role is Role.DataProtectionOfficer or Role.NationalCoordinator ? coordinatorOffice.Id : other.Id);
            var token = WebUtility.HtmlDecode(Token().Match(await (await client.GetAsync("/")).Content.ReadAsStringAsync()).Groups[1].Value);
            Assert.False(string.IsNullOrEmpty(token), $"{role}: no antiforgery token on the home page");
            foreach (var h in handlers)
            {
                if (!routes.TryGetValue(h.Page, out var route)) { failures.Add($"{h}: no route"); continue; }
                var url = route + (h.Name.Length == 0 ? "" : (route.Contains('?') ? "&" : "?") + "handler=" + h.Name);
                using var response = h.Verb == "GET"
                    ? await client.GetAsync(url)
                    : await client.PostAsync(url, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
                calls++;
                var forbidden = response.StatusCode == HttpStatusCode.Forbidden;
                if (h.Allows(role) == forbidden)
                    failures.Add($"{role} → {h}: {(int)response.StatusCode}, expected {(h.Allows(role) ? "not 403" : "403")}");
            }
        }
        Assert.True(calls > 1000, $"only {calls} calls");
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    /// <summary>Each page's address with its route values filled (a new id: no record is found, none is changed).</summary>
    private static Dictionary<Type, string> Routes(TestApp app)
    {
        var byPath = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Page: e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()))
            .Where(x => x.Page is not null)
            .GroupBy(x => x.Page!.ViewEnginePath)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Endpoint.RoutePattern.Parameters.Count(p => !p.IsOptional)).First().Endpoint.RoutePattern);
        // Which page model each compiled page (/Features/Admin/BreakGlass.cshtml) renders, by its Model property.
        var pathOf = typeof(Program).Assembly.GetCustomAttributes<Microsoft.AspNetCore.Razor.Hosting.RazorCompiledItemAttribute>()
            .Where(a => a.Kind == "mvc.1.0.razor-page")
            .Select(a => (Model: a.Type.GetProperty("Model")?.PropertyType, Path: a.Identifier["/Features".Length..^".cshtml".Length]))
            .Where(x => x.Model is not null && x.Model.IsSubclassOf(typeof(PageModel)))
            .ToDictionary(x => x.Model!, x => x.Path);
        var routes = new Dictionary<Type, string>();
        foreach (var page in Pages())
        {
            if (!pathOf.TryGetValue(page, out var path) || !byPath.TryGetValue(path, out var pattern)) continue;
            var url = "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart { IsOptional: true } => "",
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => Guid.NewGuid().ToString(),
                _ => "",
            })))).TrimEnd('/');
            routes[page] = url.Length == 0 ? "/" : url;
        }
        return routes;
    }

    [GeneratedRegex("^On(Get|Post)(\\w*?)(Async)?$")]
    private static partial Regex HandlerName();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
