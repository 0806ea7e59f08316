using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Referrals;

/// <summary>
/// The organisation's inbox (referrals sent to it), its sent referrals, one referral, and a case's referral
/// history (the holder sees all of the case's referrals; a recipient only its own).
/// </summary>
public static class ListReferrals
{
    public const string Policy = Policies.Refer;
    public const string OfCasePolicy = Policies.CaseRead;

    public const int Max = 200;

    public static async Task<Ok<List<ReferralView>>> Inbox(ReferralStatus? status, SigurDb db, CurrentUser user, Audit audit, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db.Set<Referral>().Where(r => r.RecipientOrganisationId == user.OrganisationId), status, audit, ct));

    public static async Task<Ok<List<ReferralView>>> Sent(ReferralStatus? status, SigurDb db, CurrentUser user, Audit audit, CancellationToken ct) =>
        TypedResults.Ok(await ListAsync(db.Held<Referral>(), status, audit, ct));

    [Policy(OfCasePolicy)]
    public static async Task<Results<Ok<List<ReferralView>>, ProblemHttpResult>> OfCase(Guid id, SigurDb db, Audit audit, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == id, ct)) return Problems.NotFound();
        return TypedResults.Ok(await ListAsync(db.Set<Referral>().Where(r => r.CaseId == id), null, audit, ct));
    }

    public static async Task<Results<Ok<ReferralView>, ProblemHttpResult>> One(Guid id, SigurDb db, Audit audit, CancellationToken ct)
    {
        var referral = await db.Set<Referral>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (referral is null) return Problems.NotFound();
        await audit.ReadAsync(nameof(Referral), id);
        return TypedResults.Ok(ReferralView.From(referral));
    }

    private static async Task<List<ReferralView>> ListAsync(IQueryable<Referral> query, ReferralStatus? status, Audit audit, CancellationToken ct)
    {
        if (status is { } s) query = query.Where(r => r.Status == s);
        var rows = await query.AsNoTracking().OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id).Take(Max).ToListAsync(ct);
        await audit.ListAsync(nameof(Referral), rows.Select(r => r.Id));
        return rows.ConvertAll(ReferralView.From);
    }
}
