using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Fund;

/// <summary>
/// The fund officer's donors, grants and budget lines (<see cref="ManageGrants"/>): a donor by name; a grant of a
/// donor with its amount, currency, period and one line per category of assistance. Amounts are typed in the main
/// unit (euros, denars) and kept in minor units.
/// </summary>
[Authorize(Policy = Policies.FundManage)]
public sealed class GrantsModel(SigurDb db, CurrentUser me, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<ManageGrants.DonorView> Donors { get; private set; } = [];
    public List<GrantView> Grants { get; private set; } = [];

    [BindProperty] public string? DonorName { get; set; }
    [BindProperty] public GrantInput Grant { get; set; } = new();

    public sealed class GrantInput
    {
        public Guid DonorId { get; set; }
        public string? Name { get; set; }
        /// <summary>From number inputs: always with a decimal point, whatever the page's language.</summary>
        public string? Amount { get; set; }
        public string Currency { get; set; } = "EUR";
        public DateOnly? PeriodStart { get; set; }
        public DateOnly? PeriodEnd { get; set; }
        /// <summary>One amount per <see cref="AssistanceCategory"/>, in its order; empty: no line.</summary>
        public List<string?> Lines { get; set; } = [];
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    [Policy(Policies.FundManage)]
    public async Task<IActionResult> OnPostDonorAsync(CancellationToken ct)
    {
        var result = await ManageGrants.AddDonor(new ManageGrants.DonorRequest(DonorName ?? ""), db, me, ct);
        return await this.AnswerAsync(result.Result, L, L["The donor was added."], () => RedirectToPage(), Again(ct),
            new PageAnswer { Fields = [] });
    }

    [Policy(Policies.FundManage)]
    public async Task<IActionResult> OnPostGrantAsync(CancellationToken ct)
    {
        var categories = Enum.GetValues<AssistanceCategory>();
        var lines = categories.Select((c, i) => (Category: c, Amount: i < Grant.Lines.Count ? Grant.Lines[i] : null))
            .Where(l => !string.IsNullOrWhiteSpace(l.Amount)).Select(l => new ManageGrants.LineInput(l.Category, Money.MinorFrom(l.Amount))).ToList();
        var request = new ManageGrants.GrantRequest(Grant.DonorId, Grant.Name ?? "", Money.MinorFrom(Grant.Amount), Grant.Currency?.Trim().ToUpperInvariant() ?? "",
            Grant.PeriodStart ?? DateOnly.MinValue, Grant.PeriodEnd ?? DateOnly.MinValue, lines);
        var result = await ManageGrants.AddGrant(request, db, me, ct);
        return await this.AnswerAsync(result.Result, L, L["The grant was added with its budget lines."], () => RedirectToPage(), Again(ct),
            new PageAnswer { Prefix = nameof(Grant), NotFound = _ => ModelState.AddModelError("Grant.DonorId", L["Choose a donor of your fund."]) });
    }

    private Func<Task<IActionResult>> Again(CancellationToken ct) => async () => { await LoadAsync(ct); return Page(); };

    private async Task LoadAsync(CancellationToken ct)
    {
        Donors = await ManageGrants.Donors(db, ct);
        Grants = (await ManageGrants.Budget(db, ct)).Value!;
    }
}
