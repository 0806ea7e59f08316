using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Hotline;

/// <summary>One contact in full (audited), and the form that turns it into a case (<see cref="ConvertToCase"/>).</summary>
[Authorize(Policy = Policies.Hotline)]
public sealed class ContactModel(SigurDb db, CurrentUser me, TimeProvider clock, IdentificationRules rules, Platform.Audit.Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    public ListContacts.Detail Contact { get; private set; } = null!;
    public string? Refusal { get; private set; }

    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public bool PossiblyChild { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var person = new PersonInput(GivenName ?? "", FamilyName ?? "", PossiblyChild: PossiblyChild);
        var result = await ConvertToCase.Handle(new ConvertToCase.Request([id], person), db, me, clock, rules, ct);
        switch (result.Result)
        {
            case Created<ConvertToCase.Response> { Value: { } created }:
                TempData["Message"] = string.Format(L["Case {0} registered."], created.Reference);
                return Redirect($"/Identification/Case/{created.CaseId}");
            case ValidationProblem invalid:
                ModelState.AddProblemErrors(invalid.ProblemDetails.Errors, "", L, []);
                break;
            case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }:
                return NotFound();
            case ProblemHttpResult problem:
                Refusal = problem.ProblemDetails.Detail;
                break;
        }
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await ListContacts.Get(id, db, audit, ct)).Result is not Ok<ListContacts.Detail> { Value: { } detail }) return false;
        Contact = detail;
        return true;
    }
}
