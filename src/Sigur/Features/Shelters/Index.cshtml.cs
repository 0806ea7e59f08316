using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Shelters;

/// <summary>The shelter directory: places and occupancy by sex and age group (<see cref="ShelterDirectory.List"/>); never addresses.</summary>
[Authorize(Policy = Policies.ShelterDirectory)]
public sealed class IndexModel(SigurDb db) : PageModel
{
    public List<ShelterSummary> Shelters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Shelters = (await ShelterDirectory.List(db, ct)).Value!;
}
