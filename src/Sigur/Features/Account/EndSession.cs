using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>Ends the session of the token (or cookie) that sends it: its access and refresh tokens stop working.</summary>
public static class EndSession
{
    public const string Policy = Policies.SignedIn;

    public static async Task<NoContent> Handle(HttpContext context, SigurDb db, IMemoryCache cache, TimeProvider clock, Audit audit)
    {
        if (Sessions.Of(context.User) is { } session)
            await Sessions.EndAsync(db, cache, session, clock.GetUtcNow().UtcDateTime, context.RequestAborted);
        await audit.EventAsync(AuditAction.SignOut, reason: "api");
        return TypedResults.NoContent();
    }
}
