using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>Start here for cases: the REST routes. The Razor pages in this folder call the same use cases.</summary>
public static class CaseApi
{
    public static RouteGroupBuilder MapCaseApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapGet("/", SearchCases.List)
            .WithSummary("The organisation's newest cases");
        cases.MapPost("/search", SearchCases.Handle)
            .WithSummary("Search the organisation's cases by name (any script, any diacritics) or reference; the name goes in the body, never the URL");
        cases.MapGet("/{id:guid}", GetCase.Handle)
            .WithSummary("A case with its person");
        cases.MapPost("/", RegisterCase.Handle)
            .WithSummary("Register a case (intake)");
        cases.MapPut("/{id:guid}", EditCase.Handle)
            .WithSummary("Edit a case and its person (optimistic concurrency: 409 on a stale version)");
        api.MapGet("/code-lists", GetCodeLists.Handle).WithTags("Cases").WithSummary("Code lists (HTCDS)");
        return api;
    }
}
