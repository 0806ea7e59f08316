using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Referrals;

/// <summary>The organisation's referrals: those sent to it (accept, decline, complete) and those it sent (revoke).</summary>
[Authorize(Policy = Policies.Refer)]
public sealed class InboxModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, Platform.Notifications.Notifier notifier, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<ReferralView> Incoming { get; private set; } = [];
    public List<ReferralView> Sent { get; private set; } = [];
    public Dictionary<Guid, string> Organisations { get; private set; } = [];
    /// <summary>The referred cases this organisation can open now: a consent in force covers it.</summary>
    public IReadOnlySet<Guid> Readable { get; private set; } = new HashSet<Guid>();
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Incoming = (await ListReferrals.Inbox(null, db, me, audit, ct)).Value!;
        Sent = (await ListReferrals.Sent(null, db, me, audit, ct)).Value!;
        Readable = db.Scope.ReferredCaseIds.Concat(db.Scope.CaseIds).ToHashSet();
        var ids = Incoming.Select(r => r.SenderOrganisationId).Concat(Sent.Select(r => r.RecipientOrganisationId)).Distinct().ToList();
        Organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct) =>
        Done(await AcceptReferral.Handle(id, db, me, clock, notifier, ct));

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct) =>
        Done(await DeclineReferral.Handle(id, new DeclineReferral.Request(Reason ?? ""), db, me, clock, notifier, ct));

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct) =>
        Done(await CompleteReferral.Handle(id, db, me, clock, ct));

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct) =>
        Done(await RevokeReferral.Handle(id, new RevokeReferral.Request(Reason ?? ""), db, me, clock, ct));

    private IActionResult Done(Results<Ok<ReferralView>, ValidationProblem, ProblemHttpResult> result) =>
        this.Tell(result, L, L["The referral was updated."], () => RedirectToPage("Inbox"), L["Give a reason."],
            L["The referral could not be changed in its current state. Reload the page."]);
}
