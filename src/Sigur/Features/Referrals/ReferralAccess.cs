using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Access;

namespace Sigur.Features.Referrals;

/// <summary>
/// The cases an organisation sees because they were referred to it: the referral is requested or accepted, and a
/// consent in force (not withdrawn, not expired, not a rejected override) names the organisation. Read by the
/// access scope on every request, never cached.
/// </summary>
public static class ReferralAccess
{
    public static async Task<IReadOnlyList<ReferredCase>> LoadAsync(SigurDb db, Guid organisationId, DateTime now, CancellationToken ct)
    {
        var rows = await (
                from r in db.Set<Referral>().IgnoreQueryFilters()
                where r.RecipientOrganisationId == organisationId
                      && (r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted)
                join c in db.Set<Consent>().IgnoreQueryFilters() on r.CaseId equals c.CaseId
                where c.WithdrawnAt == null && c.ValidUntil > now
                select new { r.CaseId, r.PersonId, c.RecipientOrganisationIds, c.DataGroups })
            .AsNoTracking().ToListAsync(ct);
        // The recipient list is checked here rather than in SQL: a handful of rows, and no provider-specific JSON.
        return [.. rows.Where(r => r.RecipientOrganisationIds.Contains(organisationId))
            .Select(r => new ReferredCase(r.CaseId, r.PersonId, r.DataGroups))];
    }
}
