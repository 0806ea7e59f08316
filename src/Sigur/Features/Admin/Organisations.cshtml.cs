using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Admin;

/// <summary>The organisations of the mechanism: list and create (<see cref="ManageOrganisations"/>).</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class OrganisationsModel(SigurDb db, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<ManageOrganisations.OrganisationView> Organisations { get; private set; } = [];
    [BindProperty] public OrganisationForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Organisations = (await ManageOrganisations.List(db, ct)).Value!;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await ManageOrganisations.Create(Form.ToInput(), db, ct);
        return await this.AnswerAsync(result, L, L["The organisation was created."], () => RedirectToPage(), async () =>
        {
            Organisations = (await ManageOrganisations.List(db, ct)).Value!;
            return Page();
        }, new() { Prefix = nameof(Form), Fields = OrganisationForm.Fields });
    }
}

public sealed class OrganisationForm
{
    public string? Name { get; set; }
    public OrganisationType Type { get; set; } = OrganisationType.Ngo;
    public string? Region { get; set; }
    public string? Country { get; set; } = "MK";
    public bool IsActive { get; set; } = true;

    public static readonly string[] Fields = ["Name", "Type", "Region", "Country", "IsActive"];

    public ManageOrganisations.OrganisationInput ToInput() => new(Name ?? "", Type, Region, Country?.ToUpperInvariant(), IsActive);
}
