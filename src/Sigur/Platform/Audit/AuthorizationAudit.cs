namespace Sigur.Platform.Audit;

/// <summary>Every refused request (401, 403) is audited: who tried what, from where. The path carries identifiers only.</summary>
public static class AuthorizationAudit
{
    public static IApplicationBuilder UseAuthorizationAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        if (context.Response.StatusCode is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            && context.Request.Path.StartsWithSegments("/api"))
        {
            var audit = context.RequestServices.GetRequiredService<Audit>();
            await audit.EventAsync(AuditAction.Denied, reason: $"{context.Request.Method} {context.Request.Path}");
        }
    });
}
