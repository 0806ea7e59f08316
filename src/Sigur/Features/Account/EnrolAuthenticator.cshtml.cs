using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using QRCoder;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Account;

/// <summary>
/// Enrols an authenticator app (TOTP): shows the key and its otpauth:// QR code, checks one code, turns two-factor
/// sign-in on and shows ten recovery codes once. Forced for every account that has none.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EnrolAuthenticatorModel(UserManager<SigurUser> users, SignInManager<SigurUser> signIn, IMemoryCache cache, Audit audit,
    IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    public string Key { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public string? Error { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return LocalRedirect("/");
        await LoadKeyAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (user.TwoFactorEnabled) return LocalRedirect("/");
        var code = (Code ?? "").Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = L["That code is not right. Check that the time on your phone is correct and try the next code."];
            await LoadKeyAsync(user);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10) ?? []];
        await audit.EventAsync(AuditAction.Update, "User", user.Id.ToString(), "authenticator enrolled", user.Id, user.OrganisationId);
        await RenewSessionAsync(user);
        return Page();
    }

    private async Task LoadKeyAsync(SigurUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await RenewSessionAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        }
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/Sigur:{Uri.EscapeDataString(user.UserName ?? "")}?secret={key}&issuer=Sigur&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(4);
    }

    // Resetting the key and enabling two-factor renew the security stamp: renew this session's cookie to match.
    private async Task RenewSessionAsync(SigurUser user)
    {
        SignedInUser.Forget(cache, user.Id);
        AccountSetup.Forget(cache, user.Id);
        await signIn.RefreshSignInAsync(user);
    }
}
