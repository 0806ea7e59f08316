using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>
/// The case list with name/reference search (<see cref="SearchCases"/>). The search is posted, never put in the
/// address, so that no name reaches the browser history or an access log; paging under a search is posted too.
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
public sealed class IndexModel(SigurDb db, Platform.Audit.Audit audit, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    public SearchCases.Response Result { get; private set; } = new([], 1, PageSize, false);

    public async Task OnGetAsync(CancellationToken ct) => Result = await SearchCases.Handle(new SearchCases.Request(null, PageNumber, PageSize), db, audit, clock, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Result = await SearchCases.Handle(new SearchCases.Request(Q, PageNumber, PageSize), db, audit, clock, ct);
        return Page();
    }
}
