using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Sigur.Platform.Web;

/// <summary>
/// Request bodies over 1 MB are refused with 413 before anything reads them. Kestrel enforces the same limit on
/// streamed bodies through IHttpMaxRequestBodySizeFeature; this also covers hosts without that feature. An endpoint
/// that takes a file declares its own limit (<see cref="IRequestSizeLimitMetadata"/>, a document upload); so this runs
/// after routing, which knows the endpoint, and before anything that reads a body.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;
    public const int MaxJsonDepth = 32;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        if (context.Request.ContentLength > limit)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The request body may be at most {limit} bytes.");
            return;
        }
        await next(context);
    });

    /// <summary>
    /// An API endpoint that reads no body refuses one (400) rather than ignore it: a client that sends data where none
    /// is read has misunderstood the contract, and what it sent must not pass unseen. Runs after routing, which knows
    /// the endpoint; endpoints that read a body declare what they accept (<see cref="IAcceptsMetadata"/>).
    /// </summary>
    public static IApplicationBuilder UseBodylessEndpoints(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var hasBody = context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;
        if (hasBody && context.Request.Path.StartsWithSegments("/api")
            && context.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status400BadRequest, "This endpoint takes no request body",
                "Send the request without a body.");
            return;
        }
        await next(context);
    });
}
