using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// The coordinator's view of the exchange with peer countries: referrals from abroad to accept or decline, the
/// office's cross-border cases, and every package in and out with its status, age, attempts and last error.
/// </summary>
[Authorize(Policy = Policies.CrossBorder)]
public sealed class IndexModel(SigurDb db, CurrentUser me, TimeProvider clock, Outbox outbox, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<ConversationView> Conversations { get; private set; } = [];
    public ListPackages.Response Packages { get; private set; } = new([], [], 0);
    public DateTime Now { get; private set; }
    public List<SendNotice.NoticeView> Notices { get; private set; } = [];

    [BindProperty] public SendNotice.Request Notice { get; set; } = new("", "");

    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        Conversations = (await ListConversations.Handle(db, ct)).Value!;
        Packages = (await ListPackages.Handle(db, clock, ct)).Value!;
        Notices = (await SendNotice.List(db, ct)).Value!;
    }

    [Policy(SendNotice.Policy)]
    public async Task<IActionResult> OnPostNoticeAsync(CancellationToken ct) =>
        this.Tell(await SendNotice.Handle(Notice, db, clock, outbox, ct), L, L["The notice is on its way to every peer."], () => RedirectToPage("Index"),
            L["Give a title and a text (no personal data)."]);

    [Policy(AnswerReferral.Policy)]
    public async Task<IActionResult> OnPostAcceptAsync(Guid id, long version, CancellationToken ct) =>
        this.Tell(await AnswerReferral.Accept(id, new AnswerReferral.Request(version), db, me, clock, outbox, ct), L,
            L["The referral was accepted; the answer is on its way."], () => RedirectToPage("Index"), L["The referral could not be answered. Reload the page."]);

    [Policy(AnswerReferral.Policy)]
    public async Task<IActionResult> OnPostDeclineAsync(Guid id, long version, CancellationToken ct) =>
        this.Tell(await AnswerReferral.Decline(id, new AnswerReferral.Request(version, Reason), db, me, clock, outbox, ct), L,
            L["The referral was declined; the answer is on its way."], () => RedirectToPage("Index"), L["Give the reason for declining."]);

    /// <summary>How long ago, in whole minutes, hours or days: enough to see what is stuck.</summary>
    public string Age(DateTime at)
    {
        var age = Now - at;
        return age.TotalHours < 1 ? string.Format(System.Globalization.CultureInfo.CurrentCulture, L["{0} min"], (int)age.TotalMinutes)
            : age.TotalDays < 1 ? string.Format(System.Globalization.CultureInfo.CurrentCulture, L["{0} h"], (int)age.TotalHours)
            : string.Format(System.Globalization.CultureInfo.CurrentCulture, L["{0} d"], (int)age.TotalDays);
    }
}
