using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;

namespace Sigur.Platform.Access;

/// <summary>
/// The cases an organisation sees because they were referred to it: the referral is requested or accepted, and a
/// consent in force (not withdrawn, not expired, not a rejected override) names the organisation. Read by the
/// access scope on every request of a case reader. What is found is never cached: a consent withdrawn or a referral
/// declined must end the recipient's access on their very next request. Only "none" is remembered, briefly (see
/// <see cref="NoneLifetime"/>): most organisations have no case referred to them, and a late answer there can only
/// show a new referral a little late, never keep one that ended. Which cases are referred is the Referrals feature's
/// answer (<see cref="IReferredCaseSource"/>); it also calls <see cref="Changed"/> after each commit that wrote a
/// referral or a consent.
/// </summary>
public static class ReferralAccess
{
    /// <summary>
    /// How long "no case is referred to this organisation" is believed without asking again. In this process a
    /// committed referral or consent change ends it at once (<see cref="Changed"/>); another instance's change is seen
    /// within this time.
    /// </summary>
    public static readonly TimeSpan NoneLifetime = TimeSpan.FromSeconds(5);

    // Bumped after every commit that wrote a referral or consent. A "none" remembered under an older generation is not
    // believed, so an answer that raced with a commit is never kept: the generation is read before the query runs.
    private static long s_generation;

    /// <summary>Called once a transaction that wrote a referral or consent has committed.</summary>
    public static void Changed() => Interlocked.Increment(ref s_generation);

    private static string NoneKey(Guid organisationId) => $"referred-none:{organisationId}";

    public static async Task<IReadOnlyList<ReferredCase>> LoadAsync(SigurDb db, IMemoryCache cache, IReferredCaseSource source, Guid organisationId, DateTime now, CancellationToken ct)
    {
        var generation = Interlocked.Read(ref s_generation);
        if (cache.TryGetValue(NoneKey(organisationId), out long noneSince) && noneSince == generation) return [];
        var referred = await source.InForceAsync(db, organisationId, now, ct);
        if (referred.Count == 0) cache.Set(NoneKey(organisationId), generation, NoneLifetime);
        return referred;
    }
}

/// <summary>The cases referred to an organisation with a consent in force naming it, with the data groups it covers.</summary>
public interface IReferredCaseSource
{
    Task<IReadOnlyList<ReferredCase>> InForceAsync(SigurDb db, Guid organisationId, DateTime now, CancellationToken ct);
}
