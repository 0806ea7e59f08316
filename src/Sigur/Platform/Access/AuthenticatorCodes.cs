using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;
using Sigur.Data;

namespace Sigur.Platform.Access;

/// <summary>
/// Checks authenticator codes (TOTP, RFC 6238) in place of Identity's own provider, for two reasons. A code is
/// accepted once: the step it belongs to must be newer than the last step accepted for the user, and taking it is a
/// conditional update in the database, so two requests racing with one code (or two instances) cannot both win.
/// And the window is narrow: the current step and the one before (RFC 6238 §5.2 allows one step of delay), so a
/// code works for at most a minute after its step starts, where Identity accepts five steps (two either side).
/// </summary>
public sealed class AuthenticatorCodes(SigurDb db, TimeProvider clock) : AuthenticatorTokenProvider<SigurUser>
{
    private static readonly VerificationWindow Window = new(previous: 1, future: 0);

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<SigurUser> manager, SigurUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || token.Length != 6 || !token.All(char.IsAsciiDigit)) return false;
        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(clock.GetUtcNow().UtcDateTime, token, out var step, Window)) return false;
        // Not through the change tracker: the step is bookkeeping, not a change of the account to audit.
        var taken = await db.Users.Where(u => u.Id == user.Id && (u.LastTotpStep == null || u.LastTotpStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpStep, step));
        if (taken == 0) return false;
        user.LastTotpStep = step;
        return true;
    }
}
