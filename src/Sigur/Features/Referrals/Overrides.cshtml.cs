using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Referrals;

/// <summary>Disclosures without consent that wait for a second person: approve (it stands until it expires) or reject (it ends at once).</summary>
[Authorize(Policy = Policies.DisclosureOverride)]
public sealed class OverridesModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<PendingOverrides.Item> Waiting { get; private set; } = [];
    public Dictionary<Guid, string> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Waiting = (await PendingOverrides.Handle(db, me, audit, ct)).Value!;
        var ids = Waiting.SelectMany(o => o.RecipientOrganisationIds).Distinct().ToList();
        Organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => DecideAsync(id, true, ct);

    public Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken ct) => DecideAsync(id, false, ct);

    private async Task<IActionResult> DecideAsync(Guid id, bool approve, CancellationToken ct)
    {
        var result = await ReviewOverride.Handle(id, new ReviewOverride.Request(approve), db, me, audit, clock, ct);
        return this.Tell(result, L, approve ? L["The override was approved."] : L["The override was rejected; the disclosure ended."],
            () => RedirectToPage("Overrides"), L["The override could not be reviewed. Reload the page."]);
    }
}
