using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Services;

/// <summary>Changes one directory entry of one's organisation (administrators: any), with <see cref="EditService.Change"/>.</summary>
[Authorize(Policy = Policies.ServiceDirectoryEdit)]
public sealed class EditModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public ServiceForm Form { get; set; } = new();
    public string OrganisationName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await EditService.Get(id, db, ct) is not { Result: Ok<ServiceView> { Value: { } s } } || (me.Role != Role.Administrator && s.OrganisationId != me.OrganisationId))
            return NotFound();
        (Form, OrganisationName) = (ServiceForm.From(s), s.OrganisationName);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct) =>
        await this.AnswerAsync(await EditService.Change(id, Form.ToRequest(), db, me, clock, ct), L, L["Saved."],
            () => RedirectToPage("Index"), () => Task.FromResult<IActionResult>(Page()));
}
