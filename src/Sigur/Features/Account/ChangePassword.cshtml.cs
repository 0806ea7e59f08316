using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Account;

/// <summary>Replaces the password; forced at the first sign-in of an account created with a one-time password.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ChangePasswordModel(UserManager<SigurUser> users, SignInManager<SigurUser> signIn, IMemoryCache cache, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    public bool Forced { get; private set; }
    public int MinimumLength => users.Options.Password.RequiredLength;
    public int UniqueCharacters => users.Options.Password.RequiredUniqueChars;
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        // The /Account folder is open to anonymous requests, so the page itself insists on a signed-in user.
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Forced = user.MustChangePassword;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        Forced = user.MustChangePassword;
        if (string.IsNullOrEmpty(NewPassword) || NewPassword != ConfirmPassword)
        {
            Errors.Add(L["The new password and its confirmation do not match."]);
            return Page();
        }
        if (NewPassword == CurrentPassword)
        {
            Errors.Add(L["The new password must differ from the current one."]);
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, CurrentPassword ?? "", NewPassword);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => Describe(e)));
            return Page();
        }
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        // The password change renewed the security stamp: renew this session's cookie so it stays valid.
        SignedInUser.Forget(cache, user.Id);
        AccountSetup.Forget(cache, user.Id);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = L["Your password has been changed."].Value;
        return LocalRedirect("/");
    }

    private string Describe(IdentityError e) => e.Code switch
    {
        "PasswordMismatch" => L["The current password is wrong."],
        "PasswordTooShort" => string.Format(L["The password must have at least {0} characters."], MinimumLength),
        "PasswordRequiresUniqueChars" => string.Format(L["The password must use at least {0} different characters."], UniqueCharacters),
        "PasswordRequiresDigit" => L["The password must contain a digit."],
        "PasswordRequiresLower" => L["The password must contain a lower-case letter."],
        "PasswordRequiresUpper" => L["The password must contain an upper-case letter."],
        "PasswordRequiresNonAlphanumeric" => L["The password must contain a character other than a letter or digit."],
        _ => e.Description,
    };
}
