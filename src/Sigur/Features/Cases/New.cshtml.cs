using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>Intake: the form for a new person and their case; registration itself is <see cref="RegisterCase"/>.</summary>
[Authorize(Policy = Policies.CaseWrite)]
public sealed class NewModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public CaseForm Form { get; set; } = new();

    public void OnGet() => Form.IntakeDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var result = await RegisterCase.Handle(new RegisterCase.Request(Form.ToCase(), Form.ToPerson()), db, me, clock, ct);
        switch (result.Result)
        {
            case Created<RegisterCase.Response> created:
                TempData["Message"] = string.Format(L["Case {0} registered."], created.Value!.Reference);
                return RedirectToPage("Details", new { id = created.Value.Id });
            case ValidationProblem invalid:
                ModelState.AddProblemErrors(invalid.ProblemDetails.Errors, nameof(Form), L, CaseForm.Fields);
                return Page();
            default:
                throw new InvalidOperationException("RegisterCase answered with an unexpected result.");
        }
    }
}
