using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Sigur.Platform.Access;

/// <summary>Limits on sign-in attempts (section <c>Sigur:SignInLimits</c>); tests and benchmarks that sign in often raise them.</summary>
public sealed class SignInLimits
{
    /// <summary>Attempts (password, code, recovery code, token, refresh) from one address, whatever the account.</summary>
    public int AttemptsPerAddress { get; set; } = 30;
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Failed attempts on one account from one address.</summary>
    public int FailuresPerAccount { get; set; } = 5;
    public TimeSpan AccountWindow { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>
/// Throttles sign-in with ASP.NET Core's rate limiters, per address and per account; over a limit the caller gets 429
/// with Retry-After. The handlers call it rather than the rate-limiting middleware because the account is known only
/// once the body is read, and because a page answers with its own localised message.
/// <para>
/// Why nobody from outside can keep an account locked for ever, the administrator's included: failures are counted
/// per account <em>and address</em>, so an attacker spends only the budget of the addresses they send from, and the
/// owner signs in from theirs. Wrong passwords lock nothing in the database. The database lockout
/// (<see cref="Microsoft.AspNetCore.Identity.LockoutOptions"/>, shared by all instances) counts only wrong second
/// factors (authenticator and recovery codes), which only someone who already has the password can send: for the
/// owner that lockout is the sign that the password must be changed. Identity's per-account lockout on passwords,
/// renewed every 15 minutes by anyone who knows the user name, would keep the owner out as long as the attacker
/// cared to.
/// </para>
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perAddress;
    private readonly PartitionedRateLimiter<string> _perAccount;

    public SignInThrottle(IOptions<SignInLimits> options)
    {
        var limits = options.Value;
        _perAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.AttemptsPerAddress, Window = limits.AddressWindow, QueueLimit = 0 }));
        _perAccount = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.FailuresPerAccount, Window = limits.AccountWindow, QueueLimit = 0 }));
    }

    /// <summary>
    /// Takes one attempt from the address's budget and checks that the account still has failures to spend from it.
    /// Null when the attempt may go ahead, else how long to wait. <paramref name="account"/> is the user name as typed
    /// (unknown names are throttled alike, so the answer does not tell which exist).
    /// </summary>
    public TimeSpan? Admit(HttpContext context, string account)
    {
        using var address = _perAddress.AttemptAcquire(AddressOf(context));
        if (!address.IsAcquired) return RetryAfter(address);
        using var failures = _perAccount.AttemptAcquire(AccountKey(context, account), 0);
        return failures.IsAcquired ? null : RetryAfter(failures);
    }

    /// <summary>Spends one of the account's failures from this address.</summary>
    public void Failed(HttpContext context, string account) => _perAccount.AttemptAcquire(AccountKey(context, account)).Dispose();

    private static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "-";

    // Names differ only by case in Identity's normalisation; the key does not keep the name (it is hashed).
    private static string AccountKey(HttpContext context, string account) =>
        $"{AddressOf(context)} {Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(account.Trim().ToUpperInvariant())))}";

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : TimeSpan.FromSeconds(1);

    /// <summary>Sets the Retry-After header (whole seconds, rounded up).</summary>
    public static void SetRetryAfter(HttpResponse response, TimeSpan after) =>
        response.Headers.RetryAfter = ((int)Math.Ceiling(after.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _perAddress.Dispose();
        _perAccount.Dispose();
    }
}
