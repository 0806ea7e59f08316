using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>The "due" dashboard (<see cref="DueClocks"/>): my deadlines or my organisation's, overdue and this week.</summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class DueModel(SigurDb db, CurrentUser me, TimeProvider clock, Platform.Audit.Audit audit) : PageModel
{
    public DueClocks.Response Due { get; private set; } = null!;

    public async Task OnGetAsync(string? scope, CancellationToken ct) => Due = await DueClocks.Handle(scope, db, me, clock, audit, ct);
}
