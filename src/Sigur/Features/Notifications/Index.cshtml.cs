using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Notifications;

/// <summary>My notifications (reminders of deadlines, urgent hotline contacts), in my language.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class IndexModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record Row(Guid Id, string Text, string Link, DateTime CreatedAt, bool Read);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var items = await NotificationApi.Mine(db, me).AsNoTracking().OrderByDescending(n => n.CreatedAt).Take(100).ToListAsync(ct);
        Rows = [.. items.Select(n => new Row(n.Id, NotificationTexts.Render(n, L), n.Link, n.CreatedAt, n.ReadAt is not null))];
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct)
    {
        await NotificationApi.MarkRead(id, db, me, clock, ct);
        return RedirectToPage("Index");
    }
}
