using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>De-identified case totals for analysts and the national coordinator: a table and a bar chart.</summary>
[Authorize(Policy = Policies.Aggregates)]
public sealed class IndexModel(SigurDb db, StatisticsSettings statistics) : PageModel
{
    public CaseTotals.Response Totals { get; private set; } = new(5, []);

    public async Task OnGetAsync(CancellationToken ct) => Totals = await CaseTotals.Handle(db, statistics, ct);
}
