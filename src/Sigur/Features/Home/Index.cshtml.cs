using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Features.Admin;
using Sigur.Features.Cases;
using Sigur.Features.Shared;
using Sigur.Features.Statistics;
using Sigur.Platform;

namespace Sigur.Features.Home;

/// <summary>The start page, one dashboard per kind of role: latest cases, aggregates, or administration.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, StatisticsSettings statistics) : PageModel
{
    public SearchCases.Response? LatestCases { get; private set; }
    public CaseTotals.Response? Totals { get; private set; }
    public List<BreakGlass.Grant>? OpenGrants { get; private set; }
    public Identification.DueClocks.Response? Due { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (me.May(Policies.CaseRead)) LatestCases = await SearchCases.Handle(new SearchCases.Request(null, 1, 10), db, audit, clock, ct);
        if (me.May(Policies.CaseRead)) Due = await Identification.DueClocks.Handle("organisation", db, me, clock, audit, ct);
        if (me.May(Policies.Aggregates)) Totals = await CaseTotals.Handle(db, statistics, ct);
        if (me.May(Policies.Administration))
            OpenGrants = (await BreakGlass.List(db, ct)).Value!.Where(g => g.ReviewedAt is null).ToList();
    }
}
