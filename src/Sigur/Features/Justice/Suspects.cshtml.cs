using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>The organisation's suspects and the form to register one (<see cref="RegisterSuspect"/>).</summary>
[Authorize(Policy = Policies.Justice)]
public sealed class SuspectsModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public IReadOnlyList<GetSuspect.SuspectSummary> Suspects { get; private set; } = [];

    [BindProperty] public string GivenName { get; set; } = "";
    [BindProperty] public string FamilyName { get; set; } = "";
    [BindProperty] public string? Aliases { get; set; }
    [BindProperty] public string? DateOfBirth { get; set; }
    [BindProperty] public Sex Sex { get; set; } = Sex.Unknown;
    [BindProperty] public string? Citizenships { get; set; }
    [BindProperty] public string? Notes { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Suspects = (await GetSuspect.List(db, audit, ct)).Value!;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var input = new SuspectInput(GivenName, FamilyName, Lines(Aliases), DateOfBirth, Sex,
            [.. (Citizenships ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Select(c => c.ToUpperInvariant())], Notes);
        var result = await RegisterSuspect.Handle(input, db, me, clock, ct);
        return await this.AnswerAsync<RegisterSuspect.Response>(result, L, _ => null, created => RedirectToPage("Suspect", new { id = created.Id }),
            async () =>
            {
                Suspects = (await GetSuspect.List(db, audit, ct)).Value!;
                return Page();
            },
            new() { Fields = ["GivenName", "FamilyName", "Aliases", "DateOfBirth", "Citizenships", "Notes"] });
    }

    internal static string[] Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
