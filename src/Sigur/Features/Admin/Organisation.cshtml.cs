using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Admin;

/// <summary>Edits one organisation (<see cref="ManageOrganisations.Edit"/>, 409 when someone saved in between).</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class OrganisationModel(SigurDb db, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public OrganisationForm Form { get; set; } = new();
    [BindProperty] public long Version { get; set; }
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var o = (await ManageOrganisations.List(db, ct)).Value!.FirstOrDefault(x => x.Id == id);
        if (o is null) return NotFound();
        Form = new OrganisationForm { Name = o.Name, Type = o.Type, Region = o.Region, Country = o.Country, IsActive = o.IsActive };
        Version = o.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await ManageOrganisations.Edit(id, new ManageOrganisations.EditRequest(Version, Form.ToInput()), db, ct);
        return await this.AnswerAsync(result, L, L["The organisation was saved."], () => RedirectToPage("Organisations"),
            how: new() { Prefix = nameof(Form), Fields = OrganisationForm.Fields, Conflict = () => Conflict = true });
    }
}
