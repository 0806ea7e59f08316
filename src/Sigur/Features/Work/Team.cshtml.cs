using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Work;

/// <summary>The team's caseload for its supervisor, and handing a case to another worker from the list.</summary>
[Authorize(Policy = Caseload.Policy)]
public sealed class TeamModel(SigurDb db, CurrentUser me, TimeProvider clock, Platform.Audit.Audit audit, Notifier notifier, IStringLocalizer<SharedResource> L) : PageModel
{
    public Caseload.Response Load { get; private set; } = null!;

    [BindProperty] public Guid? Responsible { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Load = (await Caseload.Handle(db, me, clock, audit, ct)).Value!;

    [Policy(AssignResponsibility.Policy)]
    public async Task<IActionResult> OnPostAssignAsync(Guid caseId, CancellationToken ct)
    {
        // The list hands on the responsibility only: the deputies and the version are the case's as stored now.
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.Version, x.DeputyUserIds }).SingleOrDefaultAsync(ct);
        if (c is null) return NotFound();
        return this.Tell(await AssignResponsibility.Handle(caseId, new AssignResponsibility.Request(c.Version, Responsible, c.DeputyUserIds), db, me, notifier, ct),
            L, L["Who answers for the case was saved."], () => RedirectToPage("Team"), L["Choose a colleague of the holding organisation who works cases."]);
    }

    public IEnumerable<Microsoft.AspNetCore.Mvc.Rendering.SelectListItem> Choices(Guid? selected) =>
        Load.Team.Select(m => new Microsoft.AspNetCore.Mvc.Rendering.SelectListItem(m.DisplayName, m.UserId.ToString(), m.UserId == selected))
            .Prepend(new(L["Nobody yet"], "", selected is null));

    public string NameOf(Guid? id) => id is { } u ? Load.Team.FirstOrDefault(m => m.UserId == u)?.DisplayName ?? "–" : "–";
}
