using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Account;

public static class AccountApi
{
    public sealed record Me(Guid UserId, string UserName, string DisplayName, Guid OrganisationId, string OrganisationName, Role Role, string Culture);

    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueToken.Handle).AllowAnonymous().WithTags("Account")
            .WithSummary("Exchange user name, password and authenticator code for a bearer token and a refresh token");
        api.MapPost("/auth/refresh", RefreshToken.Handle).AllowAnonymous().WithTags("Account")
            .WithSummary("Exchange a refresh token (once) for new tokens");
        api.MapPost("/auth/signout", EndSession.Handle).RequireAuthorization(Policies.SignedIn).WithTags("Account")
            .WithSummary("End the session of this token: its bearer and refresh tokens stop working");
        api.MapGet("/me", async (SigurDb db, CurrentUser user, CancellationToken ct) =>
        {
            var me = await db.Users.AsNoTracking().Where(u => u.Id == user.UserId)
                .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => new Me(u.Id, u.UserName!, u.DisplayName, o.Id, o.Name, u.Role, u.Culture))
                .SingleAsync(ct);
            return TypedResults.Ok(me);
        }).RequireAuthorization(Policies.SignedIn).WithTags("Account").WithSummary("The signed-in user");
        api.MapGet("/me/sessions", Admin.SessionsOf.Mine).RequireAuthorization(Policies.SignedIn).WithTags("Account").WithSummary("My sign-ins, newest first");
        api.MapPost("/me/sessions/sign-out-others", Admin.SessionsOf.SignOutOthers).RequireAuthorization(Policies.SignedIn).WithTags("Account")
            .WithSummary("Sign out every other session of mine");
        return api;
    }
}
