using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Account;

/// <summary>What every sign-in step shares: the throttle's answers, and the same cost for every user name.</summary>
public static class SignInRules
{
    private static string? _dummyHash;

    /// <summary>
    /// Verifies the password against a hash that belongs to nobody: an unknown, disabled or locked account then costs
    /// what a known one costs, so the time of the answer does not tell which user names exist.
    /// </summary>
    public static void HashAnyway(UserManager<SigurUser> users, string password)
    {
        var hash = _dummyHash ??= users.PasswordHasher.HashPassword(new SigurUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
        users.PasswordHasher.VerifyHashedPassword(new SigurUser(), hash, password);
    }

    /// <summary>The API's answer over a limit: 429 with Retry-After.</summary>
    public static ProblemHttpResult TooMany(HttpContext context, TimeSpan after)
    {
        SignInThrottle.SetRetryAfter(context.Response, after);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
            detail: "Wait for the time given in Retry-After, then try again.");
    }

    /// <summary>A page's answer over a limit: the page again, with 429, Retry-After and the wait in words.</summary>
    public static string TooMany(PageModel page, TimeSpan after, IStringLocalizer localizer)
    {
        SignInThrottle.SetRetryAfter(page.Response, after);
        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return string.Format(localizer["Too many sign-in attempts. Try again in {0} minutes."], Math.Max(1, (int)Math.Ceiling(after.TotalMinutes)));
    }
}
