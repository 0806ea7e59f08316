using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Work;

/// <summary>"My work": the same answer as GET /api/v1/work, and a task marked done from where it is listed.</summary>
[Authorize(Policy = MyWork.Policy)]
public sealed class IndexModel(SigurDb db, CurrentUser me, TimeProvider clock, Platform.Audit.Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    public MyWork.Response Work { get; private set; } = null!;
    public bool MayWrite => me.May(ChangeTask.Policy);
    public bool MaySupervise => me.May(Policies.Supervise);

    public async Task OnGetAsync(CancellationToken ct) => Work = await MyWork.Handle(db, me, clock, audit, ct);

    [Policy(ChangeTask.Policy)]
    public async Task<IActionResult> OnPostDoneAsync(Guid id, long version, CancellationToken ct) =>
        this.Tell(await ChangeTask.Done(id, new ChangeTask.Step(version), db, me, clock, ct), L, L["The task is done."], () => RedirectToPage("Index"),
            L["The task could not be changed."]);
}
