using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>Closing a case (what is open, settled elsewhere or carried over here) and reopening it; the same use cases as the API.</summary>
[Authorize(Policy = CloseCase.ReadPolicy)]
public sealed class ClosureModel(SigurDb db, CurrentUser me, TimeProvider clock, Platform.Audit.Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    public CloseCase.State State { get; private set; } = null!;
    public bool MayWrite => me.May(CloseCase.Policy);
    public string? Refused { get; private set; }

    [BindProperty] public ClosureReason? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public List<Guid> CarryOver { get; set; } = [];
    [BindProperty] public string? ReopenReason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Policy(CloseCase.Policy)]
    public async Task<IActionResult> OnPostCloseAsync(Guid id, long version, CancellationToken ct)
    {
        if (Reason is null)
        {
            Refused = L["Choose a reason from the list."];
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }
        return await AnswerAsync(id, await CloseCase.Handle(id, new CloseCase.Request(version, Reason.Value, Note, CarryOver), db, me, clock, audit, ct), L["The case was closed."], ct);
    }

    [Policy(ReopenCase.Policy)]
    public async Task<IActionResult> OnPostReopenAsync(Guid id, long version, CancellationToken ct) =>
        await AnswerAsync(id, await ReopenCase.Handle(id, new ReopenCase.Request(version, ReopenReason ?? ""), db, me, clock, audit, ct), L["The case was reopened."], ct);

    private async Task<IActionResult> AnswerAsync(Guid id, IResult result, string saved, CancellationToken ct) =>
        await this.AnswerAsync(result, L, saved, () => RedirectToPage("Closure", new { id }), async () => await LoadAsync(id, ct) ? Page() : NotFound(),
            // A refusal (what is still open) and an edit conflict are both 409s: each is worded from its own answer.
            new PageAnswer { Refused = r => Refused = r,
                Invalid = errors => Refused = string.Join(" ", errors.SelectMany(e => e.Value).Select(m => L[m].Value)) });

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await CloseCase.Get(id, db, audit, ct)).Result is not Ok<CloseCase.State> { Value: { } state }) return false;
        State = state;
        return true;
    }

    /// <summary>An open item's state in words: a referral's or a fund request's status, a clock's type.</summary>
    public string StateOf(OpenItem item) => item.Kind switch
    {
        OpenItemKind.Referral when Enum.TryParse<Referrals.ReferralStatus>(item.State, out var s) => L.Label(s),
        OpenItemKind.Disbursement when Enum.TryParse<Fund.DisbursementStatus>(item.State, out var d) => L.Label(d),
        OpenItemKind.Clock when Enum.TryParse<Identification.ClockType>(item.State, out var k) => L.Label(k),
        _ => "",
    };
}
