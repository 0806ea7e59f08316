using Scalar.AspNetCore;

namespace Sigur.Platform.Web;

/// <summary>
/// The headers every answer carries, in one place. The pages have no inline script or style, so the
/// Content-Security-Policy allows only Sigur's own files; the one exception is the API reference page, whose
/// inline start-up script carries a fresh nonce (Scalar's <c>WithNonce()</c>), added here to script-src.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy of every page and answer. Adjust it here, for every page at once.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentSecurityPolicy = new Dictionary<string, string>
    {
        ["default-src"] = "'self'",
        ["script-src"] = "'self'",
        ["style-src"] = "'self'",
        ["img-src"] = "'self' data:",
        ["font-src"] = "'self'",
        ["connect-src"] = "'self'",
        ["object-src"] = "'none'",
        ["base-uri"] = "'none'",
        ["form-action"] = "'self'",
        ["frame-ancestors"] = "'none'",
    };

    private static readonly string Policy = Render(null);

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce) && nonce is string value
                ? Render(value)
                : Policy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            headers.XFrameOptions = "DENY";
            // Only over HTTPS (RFC 6797 §7.2): sent over plain HTTP it would be ignored, or lock a test host out.
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return Task.CompletedTask;
        });
        return next(context);
    });

    private static string Render(string? nonce) => string.Join("; ", ContentSecurityPolicy.Select(d =>
        d.Key == "script-src" && nonce is not null ? $"{d.Key} {d.Value} 'nonce-{nonce}'" : $"{d.Key} {d.Value}"));
}
