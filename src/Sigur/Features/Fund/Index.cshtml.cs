using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Features.Statistics;
using Sigur.Platform;

namespace Sigur.Features.Fund;

/// <summary>
/// The fund's balances and the disbursement requests: workers ask for a cost to be paid; fund officers approve or
/// reject (four eyes), record payments against receipts, and download a donor's report.
/// </summary>
[Authorize(Policy = Policies.FundRead)]
public sealed class IndexModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IServiceProvider services,
    Platform.Notifications.Notifier notifier, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<GrantView> Grants { get; private set; } = [];
    public List<DisbursementView> Disbursements { get; private set; } = [];
    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public string? CaseReference { get; set; }
    [BindProperty] public Guid BudgetLineId { get; set; }
    /// <summary>From a number input: always with a decimal point, whatever the page's language.</summary>
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public string? Supplier { get; set; }
    [BindProperty] public string? ReceiptReference { get; set; }

    [BindProperty] public long Version { get; set; }
    [BindProperty] public DateOnly? ReceiptDate { get; set; }
    [BindProperty] public DateOnly? PaidOn { get; set; }
    [BindProperty] public string? PaymentReference { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    private async Task LoadAsync(CancellationToken ct)
    {
        Grants = (await ManageGrants.Budget(db, ct)).Value!;
        Disbursements = (await ListDisbursements.Handle(null, db, audit, ct)).Value!;
    }

    [Policy(RequestDisbursement.Policy)]
    public async Task<IActionResult> OnPostRequestAsync(CancellationToken ct)
    {
        var reference = CaseReference?.Trim() ?? "";
        var caseId = await db.Cases.AsNoTracking().Where(c => c.Reference == reference).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
        if (caseId is null)
        {
            ModelState.AddModelError(nameof(CaseReference), L["No case with this reference."]);
            await LoadAsync(ct);
            return Page();
        }
        var currency = await db.Set<BudgetLine>().AsNoTracking().Where(l => l.Id == BudgetLineId).Select(l => l.Currency).SingleOrDefaultAsync(ct);
        var result = await RequestDisbursement.Handle(new RequestDisbursement.Request(caseId.Value, BudgetLineId, Money.MinorFrom(Amount), currency ?? "EUR",
            Purpose ?? "", Supplier ?? "", ReceiptReference ?? ""), db, me, clock, notifier, ct);
        if (result.Result is ValidationProblem invalid)
        {
            ModelState.AddProblemErrors(invalid.ProblemDetails.Errors, "", L);
            await LoadAsync(ct);
            return Page();
        }
        return Done(result.Result, L["The request was sent to the fund."]);
    }

    [Policy(DecideDisbursement.Policy)]
    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct)
    {
        return Done((await DecideDisbursement.Approve(id, db, me, audit, clock, notifier, ct)).Result, L["The request was decided."]);
    }

    [Policy(DecideDisbursement.Policy)]
    public async Task<IActionResult> OnPostRejectAsync(Guid id, CancellationToken ct)
    {
        return Done((await DecideDisbursement.Reject(id, new DecideDisbursement.RejectRequest(Reason ?? ""), db, me, audit, clock, notifier, ct)).Result,
            L["The request was decided."]);
    }

    [Policy(RecordPayment.Policy)]
    public async Task<IActionResult> OnPostPaymentAsync(Guid id, CancellationToken ct)
    {
        var request = new RecordPayment.Request(Version, ReceiptDate ?? DateOnly.MaxValue, Money.MinorFrom(Amount), PaidOn ?? DateOnly.MaxValue, PaymentReference ?? "");
        return Done((await RecordPayment.Handle(id, request, db, me, audit, clock, ct)).Result, L["The payment was recorded."]);
    }

    /// <summary>The donor's report as a file (the same as GET /api/v1/fund/donors/{id}/report), audited as an export.</summary>
    [Policy(DonorReport.Policy)]
    public async Task<IActionResult> OnGetReportAsync(Guid donor, DateOnly from, DateOnly to, DonorReport.Format format, CancellationToken ct)
    {
        if (to < from) { TempData["Message"] = L["The last day of the period: on or after the first, at most ten years later."].Value; return RedirectToPage("Index"); }
        var report = await DonorReport.BuildAsync(db, me, donor, from, to, ct);
        if (report is null) return NotFound();
        var bytes = format == DonorReport.Format.Csv ? DonorReport.Csv(report) : DonorReport.Xlsx(report);
        await ExportAudit.RecordAsync(services, "FundDonorReport", $"donor {donor} {from:yyyy-MM-dd}..{to:yyyy-MM-dd} {format}", ct);
        return File(bytes, format == DonorReport.Format.Csv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"donor-report-{from:yyyyMMdd}-{to:yyyyMMdd}.{format.ToString().ToLowerInvariant()}");
    }

    private IActionResult Done(IResult result, string success) =>
        this.Tell(result, L, success, () => RedirectToPage("Index"), L["Check the amounts, dates and reason."]);
}
