using Sigur.Platform;

namespace Sigur.Features.Services;

/// <summary>The REST routes of the service directory (start reading at OrganisationService.cs).</summary>
public static class ServiceApi
{
    public static RouteGroupBuilder MapServiceApi(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/services").WithTags("Service directory");
        services.MapGet("/", SearchServices.Handle)
            .WithSummary("Search the directory by type, region, language and whom a service serves");
        services.MapGet("/{id:guid}", EditService.Get).WithSummary("One directory entry");
        services.MapPost("/", EditService.Add)
            .WithSummary("Add a service of one's organisation (administrators: of any organisation)");
        services.MapPut("/{id:guid}", EditService.Change)
            .WithSummary("Change one's organisation's entry (administrators: any), with the version read");
        return api;
    }
}
