using Scalar.AspNetCore;

namespace Sigur.Platform.Web;

/// <summary>
/// The headers every answer carries, in one place. The pages have no inline script or style, so the
/// Content-Security-Policy allows only Sigur's own files; the one exception is the API reference page, whose
/// inline start-up script carries a fresh nonce (Scalar's <c>WithNonce()</c>), added here to script-src, and whose
/// script adds styles (elements and attributes) of known hashes.
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

    /// <summary>
    /// The API reference page (Scalar) adds its styles as &lt;style&gt; elements and attributes from its own script:
    /// these are the hashes Chromium reported for them, allowed on that page only. Some depend on the document shown,
    /// so a few may still be refused (the page works; see ContentSecurityPolicyBrowserTests).
    /// </summary>
    public static readonly string[] ApiReferenceStyleHashes =
    [
        "sha256-St8O8YusCkYeC9X2ma3nlCP1u4+35DgBPOzt1kBwxsM=", "sha256-l/2OpPg0d+2VLTLgwjf5mQo2CYwHDEqdj5TjbfEyVJI=",
        "sha256-AH2AQyUdXxYnR0lCDC6MlODkW560vvCn60gu/jshqtM=", "sha256-im4bR8m0i9OTwS6FwAG4MKlk4URQdZkDu1Tx9kDpKNw=",
        "sha256-v6FGbsebOHJ39qjwyswuNyhVylA7DHti/pqoiIvwbXQ=", "sha256-ugVAO7kvnjoLFYepOfhe4qrGBr4pvcP4p6VgeO2TcII=",
        // The style that hides Scalar's "Powered by" link (ApiContract) and the one the bundle adds with it.
        "sha256-N0xsfcyBVNreCzi1/M7Jkwm++U4Ix+XvEEGJO4Q8wis=", "sha256-gzx+mk8W14EChzNnNQTMtGBGRUbyeWCmf30ehG7USlQ=",
    ];

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

    // With a nonce, this is the API reference page: its start-up script by the nonce, its styles by their hashes.
    private static string Render(string? nonce) => string.Join("; ", ContentSecurityPolicy.Select(d => (d.Key, nonce) switch
    {
        ("script-src", not null) => $"{d.Key} {d.Value} 'nonce-{nonce}'",
        // 'unsafe-hashes' lets these hashes match style attributes too, not any other inline style.
        ("style-src", not null) => $"{d.Key} {d.Value} 'unsafe-hashes' {string.Join(' ', ApiReferenceStyleHashes.Select(h => $"'{h}'"))}",
        _ => $"{d.Key} {d.Value}",
    }));
}
