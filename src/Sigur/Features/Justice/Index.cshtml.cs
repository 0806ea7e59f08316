using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>The criminal-justice desk: proceedings in the user's scope, with the way to suspects, the helper and the catalogue.</summary>
[Authorize(Policy = Policies.Justice)]
public sealed class IndexModel(SigurDb db, Platform.Audit.Audit audit) : PageModel
{
    public IReadOnlyList<GetProceeding.ProceedingSummary> Proceedings { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Proceedings = (await GetProceeding.List(db, audit, ct)).Value!;
}
