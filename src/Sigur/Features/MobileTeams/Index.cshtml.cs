using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.MobileTeams;

/// <summary>The teams the organisation coordinates or belongs to, and a form to set one up (<see cref="ManageTeams"/>).</summary>
[Authorize(Policy = Policies.MobileTeams)]
public sealed class IndexModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public const int MemberRows = 4;

    public List<ManageTeams.TeamView> Teams { get; private set; } = [];
    public List<Organisation> Organisations { get; private set; } = [];

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Region { get; set; }
    [BindProperty] public List<Guid> MemberOrganisations { get; set; } = [];
    [BindProperty] public List<string?> MemberNames { get; set; } = [];
    [BindProperty] public List<string?> MemberFunctions { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Rows left empty on the form are not members.
        var members = MemberNames.Select((name, i) => (name, i)).Where(m => !string.IsNullOrWhiteSpace(m.name) && m.i < MemberOrganisations.Count)
            .Select(m => new ManageTeams.MemberInput(MemberOrganisations[m.i], m.name!, MemberFunctions.ElementAtOrDefault(m.i))).ToList();
        var result = await ManageTeams.Create(new ManageTeams.Request(Name ?? "", Region ?? "", members), db, me, clock, ct);
        if (ModelState.Take(result.Result, L) == Outcome.Done)
        {
            TempData["Message"] = L["Saved."].Value;
            return RedirectToPage("Index");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Teams = await ManageTeams.List(db, me, ct);
        Organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Name).ToListAsync(ct);
    }

    public string OrganisationName(Guid id) => Organisations.FirstOrDefault(o => o.Id == id)?.Name ?? "–";
}
