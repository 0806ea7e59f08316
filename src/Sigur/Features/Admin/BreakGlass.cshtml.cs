using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Admin;

/// <summary>The administrators' dashboard of break-glass grants: who opened which case, why, and whether it was reviewed.</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class BreakGlassReviewModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<BreakGlass.Grant> Grants { get; private set; } = [];
    public Dictionary<Guid, string> UserNames { get; private set; } = [];
    public Dictionary<Guid, string> Organisations { get; private set; } = [];
    public Dictionary<Guid, string> References { get; private set; } = [];
    public DateTime Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Grants = (await BreakGlass.List(db, ct)).Value!;
        var userIds = Grants.Select(g => g.UserId).Distinct().ToList();
        UserNames = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? "", ct);
        Organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        // References only (never names): the administrator reviews that access was justified, not the case itself.
        var caseIds = Grants.Select(g => g.CaseId).Distinct().ToList();
        References = await db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
    }

    public async Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct)
    {
        var result = await BreakGlass.Review(id, db, me, clock, ct);
        return await this.AnswerAsync(result, L, L["The grant was marked as reviewed."], () => RedirectToPage());
    }
}
