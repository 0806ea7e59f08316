using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Referrals;
using Sigur.Platform;

namespace Sigur.Features.Services;

/// <summary>
/// Searches the directory: by type of service, region, language, and whom it serves (sex, adult or child), with an
/// optional word matched against the service's and the organisation's names. Inactive entries only on request.
/// </summary>
public static class SearchServices
{
    public const string Policy = Policies.SignedIn;

    public sealed record Query(ServiceType? Type = null, string? Region = null, string? Language = null, bool? Female = null, bool? Male = null,
        bool? Child = null, string? Text = null, bool IncludeInactive = false);

    public static async Task<List<ServiceView>> Handle([AsParameters] Query q, SigurDb db, CancellationToken ct)
    {
        var query = from s in db.OrganisationServices().AsNoTracking()
                    join o in db.Organisations.AsNoTracking() on s.OrganisationId equals o.Id
                    select new { s, o.Name };
        if (!q.IncludeInactive) query = query.Where(x => x.s.IsActive);
        if (q.Type is { } type) query = query.Where(x => x.s.Type == type);
        if (!string.IsNullOrWhiteSpace(q.Region)) query = query.Where(x => x.s.Region == q.Region.Trim());
        if (q.Female == true) query = query.Where(x => x.s.ServesFemale);
        if (q.Male == true) query = query.Where(x => x.s.ServesMale);
        if (q.Child == true) query = query.Where(x => x.s.ServesChildren);
        if (q.Child == false) query = query.Where(x => x.s.ServesAdults);
        if (!string.IsNullOrWhiteSpace(q.Text))
        {
            var text = q.Text.Trim().ToLower();
            query = query.Where(x => x.s.Name.ToLower().Contains(text) || x.Name.ToLower().Contains(text));
        }
        var rows = await query.OrderBy(x => x.s.Type).ThenBy(x => x.s.Region).ThenBy(x => x.s.Name).Take(500).ToListAsync(ct);
        // The language list is a small JSON/array column: filtered here rather than in provider-specific SQL.
        var language = q.Language?.Trim().ToLowerInvariant();
        return [.. rows.Where(x => string.IsNullOrEmpty(language) || x.s.Languages.Contains(language)).Select(x => ServiceView.From(x.s, x.Name))];
    }
}
