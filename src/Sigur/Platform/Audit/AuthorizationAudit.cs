namespace Sigur.Platform.Audit;

/// <summary>
/// Every refused request (401, 403) to the API is audited: who tried what, from where. So is every probe: a signed-in
/// user's request to an endpoint that answered 404 — a record that does not exist and one outside the user's scope
/// get the same answer, and both are recorded as denied. The caller learns nothing more. The path carries identifiers only.
/// </summary>
public static class AuthorizationAudit
{
    public static IApplicationBuilder UseAuthorizationAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var status = context.Response.StatusCode;
        var refused = status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden && context.Request.Path.StartsWithSegments("/api");
        var probed = status == StatusCodes.Status404NotFound && context.GetEndpoint() is not null && context.User.Identity?.IsAuthenticated == true;
        if (!refused && !probed) return;
        var audit = context.RequestServices.GetRequiredService<Audit>();
        if (audit.DeniedRecorded) return; // the use case recorded it already, with its reason
        await audit.EventAsync(AuditAction.Denied, reason: probed
            ? $"{context.Request.Method} {context.Request.Path}: not found"
            : $"{context.Request.Method} {context.Request.Path}");
    });
}
