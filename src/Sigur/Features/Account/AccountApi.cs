using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Account;

public static class AccountApi
{
    public static RouteGroupBuilder MapAccountApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/token", IssueToken.Handle).AllowAnonymous().WithTags("Account")
            .WithSummary("Exchange user name, password and authenticator code for a bearer token and a refresh token");
        api.MapPost("/auth/refresh", RefreshToken.Handle).AllowAnonymous().WithTags("Account")
            .WithSummary("Exchange a refresh token (once) for new tokens");
        api.MapPost("/auth/signout", EndSession.Handle).WithTags("Account")
            .WithSummary("End the session of this token: its bearer and refresh tokens stop working");
        api.MapGet("/me", GetMe.Handle).WithTags("Account").WithSummary("The signed-in user");
        return api;
    }
}
