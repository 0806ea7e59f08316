using Microsoft.AspNetCore.Http.Features;

namespace Sigur.Platform.Web;

/// <summary>
/// Request bodies over 1 MB are refused with 413 before anything reads them. Kestrel enforces the same limit on
/// streamed bodies through IHttpMaxRequestBodySizeFeature; this also covers hosts without that feature.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;
    public const int MaxJsonDepth = 32;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = MaxBodyBytes;
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
                $"The request body may be at most {MaxBodyBytes} bytes.");
            return;
        }
        await next(context);
    });
}
