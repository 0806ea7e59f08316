using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>Start here for cases: the REST routes. The Razor pages in this folder call the same use cases.</summary>
public static class CaseApi
{
    public static RouteGroupBuilder MapCaseApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapGet("/", SearchCases.List).RequireAuthorization(SearchCases.Policy)
            .WithSummary("The organisation's newest cases");
        cases.MapPost("/search", SearchCases.Handle).RequireAuthorization(SearchCases.Policy)
            .WithSummary("Search the organisation's cases by name (any script, any diacritics) or reference; the name goes in the body, never the URL");
        cases.MapGet("/{id:guid}", GetCase.Handle).RequireAuthorization(GetCase.Policy)
            .WithSummary("A case with its person");
        cases.MapPost("/", RegisterCase.Handle).RequireAuthorization(RegisterCase.Policy)
            .WithSummary("Register a case (intake)");
        cases.MapPut("/{id:guid}", EditCase.Handle).RequireAuthorization(EditCase.Policy)
            .WithSummary("Edit a case and its person (optimistic concurrency: 409 on a stale version)");
        api.MapGet("/code-lists", () => TypedResults.Ok(new
        {
            CodeLists.FormsOfExploitation,
            CodeLists.MeansOfControl,
            IntakeChannels = Enum.GetNames<IntakeChannel>(),
            IdentificationStatuses = Enum.GetNames<IdentificationStatus>(),
            CaseStatuses = Enum.GetNames<CaseStatus>(),
            Sexes = Enum.GetNames<Sex>(),
        })).RequireAuthorization(Policies.SignedIn).WithTags("Cases").WithSummary("Code lists (HTCDS)");
        return api;
    }
}
