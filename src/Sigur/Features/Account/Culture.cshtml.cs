using Sigur.Host;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Account;

/// <summary>The language switcher: sets the culture cookie and, for a signed-in user, remembers the choice for the next sign-in.</summary>
[AllowAnonymous]
public sealed class CultureModel(UserManager<SigurUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        culture = SigurHost.Cultures.Contains(culture) ? culture! : "en";
        PageSupport.SetCultureCookie(Response, culture);
        if (await users.GetUserAsync(User) is { } user && user.Culture != culture)
        {
            user.Culture = culture;
            await users.UpdateAsync(user);
        }
        return LocalRedirect(PageSupport.LocalOrNull(returnUrl) ?? "/");
    }
}
