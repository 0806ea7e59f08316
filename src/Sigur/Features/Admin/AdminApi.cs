using Sigur.Platform;

namespace Sigur.Features.Admin;

/// <summary>Routes for administrators (organisations, users, audit log, break-glass review) and break-glass itself.</summary>
public static class AdminApi
{
    public static RouteGroupBuilder MapAdminApi(this RouteGroupBuilder api)
    {
        var orgs = api.MapGroup("/organisations").WithTags("Administration");
        orgs.MapGet("/", ManageOrganisations.List);
        orgs.MapPost("/", ManageOrganisations.Create);
        orgs.MapPut("/{id:guid}", ManageOrganisations.Edit);

        var users = api.MapGroup("/users").WithTags("Administration");
        users.MapGet("/", ManageUsers.List);
        users.MapPost("/", ManageUsers.Create);
        users.MapPost("/{id:guid}/disable", ManageUsers.Disable);
        users.MapPost("/{id:guid}/enable", ManageUsers.Enable);

        api.MapGet("/audit", AuditLogQuery.Get).WithTags("Administration");

        var glass = api.MapGroup("/break-glass").WithTags("Break-glass");
        glass.MapPost("/", BreakGlass.Open);
        glass.MapGet("/", BreakGlass.List);
        glass.MapPost("/{id:guid}/review", BreakGlass.Review);
        return api;
    }
}
