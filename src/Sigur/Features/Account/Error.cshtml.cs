using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Sigur.Features.Account;

/// <summary>
/// The page a browser gets for an error (a record not found or not the user's to see, a page the role does not
/// include, a failure): in the layout and the user's language, never the ProblemDetails that /api answers with.
/// Status code pages and the exception handler re-execute the request here, whatever its method.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> L) : PageModel
{
    public int Status { get; private set; }
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int? status) => Show(status);

    public void OnPost(int? status) => Show(status);

    private void Show(int? status)
    {
        // Re-executed: the response already carries the status; opened directly (/Error/404), the route names it.
        Status = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && HttpContext.Features.Get<IExceptionHandlerFeature>() is null
            ? status is >= 400 and <= 599 ? status.Value : StatusCodes.Status404NotFound
            : Response.StatusCode;
        Response.StatusCode = Status;
        (Title, Explanation) = Status switch
        {
            StatusCodes.Status404NotFound => (L["Not found"].Value, L["This page or record does not exist, or it is not yours to see."].Value),
            StatusCodes.Status403Forbidden => (L["Not allowed"].Value, L["Your role does not include this page."].Value),
            StatusCodes.Status409Conflict => (L["Changed meanwhile"].Value, L["Someone else changed this record at the same moment. Reload the page and try again."].Value),
            StatusCodes.Status429TooManyRequests => (L["Too many attempts"].Value, L["Wait a minute and try again."].Value),
            StatusCodes.Status503ServiceUnavailable => (L["Not available just now"].Value, L["Sigur cannot safely do this just now; nothing was done. Try again in a few minutes."].Value),
            >= 500 => (L["Something went wrong"].Value, L["Sigur could not complete this request; nothing was saved by it."].Value),
            _ => (L["The request could not be handled"].Value, L["Check what you entered and try again."].Value),
        };
    }
}
