using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Fund;

/// <summary>The fund's balances and the disbursement requests; fund officers approve or reject here (four eyes).</summary>
[Authorize(Policy = Policies.FundRead)]
public sealed class IndexModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<GrantView> Grants { get; private set; } = [];
    public List<DisbursementView> Disbursements { get; private set; } = [];
    [BindProperty] public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Grants = (await ManageGrants.Budget(db, ct)).Value!;
        Disbursements = (await ListDisbursements.Handle(null, db, audit, ct)).Value!;
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct)
    {
        if (!me.May(Policies.FundManage)) return Forbid();
        return Done((await DecideDisbursement.Approve(id, db, me, audit, clock, ct)).Result);
    }

    public async Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken ct)
    {
        if (!me.May(Policies.FundManage)) return Forbid();
        return Done((await DecideDisbursement.Reject(id, new DecideDisbursement.RejectRequest(Reason ?? ""), db, me, audit, clock, ct)).Result);
    }

    private IActionResult Done(IResult result)
    {
        TempData["Message"] = result switch
        {
            Ok<DisbursementView> => L["The request was decided."].Value,
            ValidationProblem => L["Give a reason."].Value,
            ProblemHttpResult { ProblemDetails.Detail: { } detail } => L[detail].Value,
            _ => L["The request could not be decided."].Value,
        };
        return RedirectToPage("Index");
    }
}
