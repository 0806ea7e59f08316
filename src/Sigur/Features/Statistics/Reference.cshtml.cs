using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>A reference series (UNODC GLOTIP, loaded with `sigur import-reference`) beside the national figures for a year.</summary>
[Authorize(Policy = Policies.Aggregates)]
public sealed class ReferenceModel(SigurDb db, StatisticsSettings statistics) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public ReferenceComparison.Response? Result { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Years = await ReferenceComparison.YearsAsync(db, statistics, ct);
        Year ??= Years.Count > 0 ? Years[0] : null;
        if (Year is (>= 1900 and <= 2100)) Result = await ReferenceComparison.CompareAsync(db, statistics, Year.Value, ct);
    }
}
