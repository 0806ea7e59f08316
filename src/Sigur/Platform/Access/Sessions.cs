using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;

namespace Sigur.Platform.Access;

/// <summary>
/// One sign-in: a browser's cookie or an API client's bearer and refresh tokens. The cookie and the tokens name it
/// (<see cref="Sessions.Claim"/>), and a request is served only while it has not ended, so signing out ends it on the
/// server: a copy of the cookie or token taken before stops working.
/// </summary>
public sealed class SignInSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>How many times the refresh token was exchanged: only the newest refresh token (this number) works.</summary>
    public int RefreshGeneration { get; set; }

    public static void Configure(ModelBuilder b) => b.Entity<SignInSession>(e =>
    {
        e.HasIndex(s => s.UserId);
        e.HasOne<SigurUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    });
}

/// <summary>
/// Starts, checks and ends <see cref="SignInSession"/>s. The check runs on every request, so whether a session is
/// still open is cached for <see cref="CheckInterval"/>: one indexed read per session and interval, not per request.
/// This instance forgets its cache entry when it ends a session (the copied cookie fails at once); other instances
/// notice within the interval, as they do for a disabled account (<see cref="SignedInUser"/>).
/// </summary>
public static class Sessions
{
    /// <summary>The claim that names the session in cookies and bearer tokens.</summary>
    public const string Claim = "sigur:session";
    /// <summary>The refresh generation a refresh token was issued for (see <see cref="SignInSession.RefreshGeneration"/>).</summary>
    public const string GenerationClaim = "sigur:refresh";
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(10);

    public static async Task<Guid> StartAsync(SigurDb db, Guid userId, DateTime now, CancellationToken ct = default)
    {
        var session = new SignInSession { UserId = userId, StartedAt = now };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        db.Entry(session).State = EntityState.Detached;
        return session.Id;
    }

    /// <summary>Adds the session's claims to a principal about to be signed in.</summary>
    public static void Name(ClaimsPrincipal principal, Guid sessionId, int generation = 0)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(Claim, sessionId.ToString()));
        identity.AddClaim(new Claim(GenerationClaim, generation.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static Guid? Of(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Claim), out var id) ? id : null;

    public static async Task EndAsync(SigurDb db, IMemoryCache cache, Guid sessionId, DateTime now, CancellationToken ct = default)
    {
        await db.Set<SignInSession>().Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAt, now), ct);
        cache.Remove(Key(sessionId));
    }

    public static async Task<bool> IsOpenAsync(SigurDb db, IMemoryCache cache, Guid sessionId, Guid userId, CancellationToken ct) =>
        await cache.GetOrCreateAsync(Key(sessionId), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CheckInterval;
            return await db.Set<SignInSession>().AsNoTracking()
                .AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null, ct);
        });

    /// <summary>
    /// Exchanges refresh token number <paramref name="generation"/> for the next one, once: a conditional update, so
    /// of two requests with the same token only one wins. A token that was already used (or a session that ended)
    /// answers null, and a used token also ends the session: whoever holds a copy (the thief or the owner) has to
    /// sign in again, and the other's tokens stop working too.
    /// </summary>
    public static async Task<int?> RotateAsync(SigurDb db, IMemoryCache cache, Guid sessionId, Guid userId, int generation, DateTime now, CancellationToken ct)
    {
        var rotated = await db.Set<SignInSession>()
            .Where(s => s.Id == sessionId && s.UserId == userId && s.EndedAt == null && s.RefreshGeneration == generation)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshGeneration, generation + 1), ct);
        if (rotated == 1) return generation + 1;
        await EndAsync(db, cache, sessionId, now, ct);
        return null;
    }

    private static string Key(Guid sessionId) => $"session:{sessionId}";
}
