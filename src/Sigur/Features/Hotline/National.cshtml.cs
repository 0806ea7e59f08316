using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Hotline;

/// <summary>All hotlines' contacts as counts for the national coordinator's office and analysts; small cells withheld.</summary>
[Authorize(Policy = Policies.Aggregates)]
public sealed class NationalModel(SigurDb db, Statistics.StatisticsSettings statistics, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public NationalHotlineStatistics.Response Statistics { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Statistics = await NationalHotlineStatistics.Handle(From, To, db, statistics, clock, ct);
}
