using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Admin;
using Sigur.Features.Cases;
using Sigur.Features.Shared;
using Sigur.Features.Statistics;
using Sigur.Platform;

namespace Sigur.Features.Home;

/// <summary>
/// The start page: each role's work at a glance — deadlines and latest cases, the duplicate queue, free shelter
/// places, the figures and where to take them further, or administration.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, StatisticsSettings statistics,
    Duplicates.PersonScanProgress scans) : PageModel
{
    public sealed record Places(int Shelters, int Total, int Free);

    public int? PairsWaiting { get; private set; }
    public Duplicates.PersonScanProgress.Status? Scan { get; private set; }
    public Places? ShelterPlaces { get; private set; }

    public SearchCases.Response? LatestCases { get; private set; }
    public CaseTotals.Response? Totals { get; private set; }
    public List<BreakGlass.Grant>? OpenGrants { get; private set; }
    public Identification.DueClocks.Response? Due { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The organisation's own cases: a referral shows up in the inbox, to be accepted before it is the organisation's work.
        if (me.May(Policies.CaseRead)) LatestCases = await SearchCases.Handle(new SearchCases.Request(null, 1, 10), db, audit, clock, ct, heldOnly: true);
        if (me.May(Policies.CaseRead)) Due = await Identification.DueClocks.Handle("organisation", db, me, clock, audit, ct);
        if (me.May(Policies.Aggregates)) Totals = await CaseTotals.Handle(db, statistics, ct);
        if (me.May(Policies.DataProtection))
        {
            PairsWaiting = await db.Set<Statistics.PersonLink>().CountAsync(l => !l.Confirmed && !l.Rejected, ct);
            Scan = scans.Current;
        }
        if (me.May(Policies.ShelterDirectory) && !me.May(Policies.CaseRead))
        {
            var shelters = (await Shelters.ShelterDirectory.List(db, ct)).Value!;
            ShelterPlaces = new Places(shelters.Count, shelters.Sum(s => s.TotalPlaces), shelters.Sum(s => Math.Max(0, s.TotalPlaces - s.TotalOccupied)));
        }
        if (me.May(Policies.Administration))
            OpenGrants = (await BreakGlass.List(db, ct)).Value!.Where(g => g.ReviewedAt is null).ToList();
    }
}
