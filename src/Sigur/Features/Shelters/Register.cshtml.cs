using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Shelters;

/// <summary>
/// Registering a shelter with its places by sex and age group (<see cref="RegisterShelter"/>): its own staff, or the
/// coordinator's office for the organisation that runs it. Then on to the shelter's page, to admit and keep places.
/// </summary>
[Authorize(Policy = RegisterShelter.Policy)]
public sealed class RegisterModel(SigurDb db, CurrentUser me, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public string Name { get; set; } = "";
    [BindProperty] public string Region { get; set; } = "";
    [BindProperty] public string Address { get; set; } = "";
    /// <summary>One count per category of <see cref="ManageModel.Categories"/>, in their order.</summary>
    [BindProperty] public List<int> Places { get; set; } = [];
    [BindProperty] public Guid? OrganisationId { get; set; }

    public bool ChoosesOrganisation => me.Role == Role.NationalCoordinator;
    public List<Organisation> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Places = [.. ManageModel.Categories.Select(_ => 0)];
        await LoadAsync(ct);
    }

    [Policy(RegisterShelter.Policy)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Places.Count != ManageModel.Categories.Length) return BadRequest();
        // Categories left at 0 are not offered; the use case asks for at least one.
        var places = ManageModel.Categories.Select((c, i) => new PlaceCount(c.Sex, c.Age, Places[i], 0)).Where(p => p.Places != 0).ToList();
        var result = await RegisterShelter.Handle(new RegisterShelter.Request(Name, Region, Address, places, ChoosesOrganisation ? OrganisationId : null), db, me, ct);
        return await this.AnswerAsync<ShelterDetail>(result.Result, L, _ => L["The shelter was registered."], s => RedirectToPage("Manage", new { id = s.Id }),
            async () => { await LoadAsync(ct); return Page(); });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (ChoosesOrganisation)
            Organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive)
                .OrderBy(o => o.Type != OrganisationType.ShelterOperator).ThenBy(o => o.Name).ToListAsync(ct);
    }
}
