using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Fund;

/// <summary>
/// A fund officer records that an approved disbursement was paid: the receipt's date and amount, and the payment's
/// date and reference. A receipt may come in under the approved amount (the pharmacy charged less); the difference
/// goes back to the budget line. In one transaction the request moves Approved → Paid by a conditional update on
/// its version, and the line's approved and paid totals move with it; a second recording of the same payment is 409.
/// </summary>
public static class RecordPayment
{
    public const string Policy = Policies.FundManage;

    public sealed record Request(long Version, DateOnly ReceiptDate, long Amount, DateOnly PaidOn, string PaymentReference);

    public static async Task<Results<Ok<DisbursementView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct)
    {
        var d = await db.Set<Disbursement>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.FundOrganisationId == user.OrganisationId, ct);
        if (d is null) return Problems.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var errors = new Dictionary<string, string[]>();
        if (!Money.InRange(request.Amount) || request.Amount > d.Amount) errors["amount"] = ["The receipt's amount: positive, and at most the approved amount."];
        if (request.ReceiptDate > today) errors["receiptDate"] = ["The receipt cannot be dated in the future."];
        if (request.PaidOn > today || request.PaidOn < request.ReceiptDate) errors["paidOn"] = ["Paid on or after the receipt's date, and not in the future."];
        if (string.IsNullOrWhiteSpace(request.PaymentReference) || request.PaymentReference.Length > 100)
            errors["paymentReference"] = ["The transfer or voucher reference (at most 100 characters)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (d.Status != DisbursementStatus.Approved)
            return new Refusal("Only an approved request is paid, and only once.").Problem();
        if (d.Version != request.Version) return Problems.Conflict();

        var released = d.Amount - request.Amount;
        var paid = request.Amount;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var recorded = await db.Set<Disbursement>()
            .Where(x => x.Id == id && x.Status == DisbursementStatus.Approved && x.Version == request.Version)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DisbursementStatus.Paid)
                .SetProperty(x => x.ReceiptDate, request.ReceiptDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
                .SetProperty(x => x.PaidAmount, paid)
                .SetProperty(x => x.PaidOn, request.PaidOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
                .SetProperty(x => x.PaymentReference, request.PaymentReference.Trim())
                .SetProperty(x => x.PaymentRecordedAt, now).SetProperty(x => x.PaymentRecordedBy, user.UserId)
                .SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (recorded == 0) return Problems.Conflict("The payment was recorded at the same moment. Reload it.");
        await db.Set<BudgetLine>().Where(l => l.Id == d.BudgetLineId)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Approved, l => l.Approved - released).SetProperty(l => l.Paid, l => l.Paid + paid), ct);
        db.AuditWithNextSave(audit.New(AuditAction.Update, nameof(Disbursement), id.ToString(), [], "payment"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(DisbursementView.From(await db.Set<Disbursement>().AsNoTracking().SingleAsync(x => x.Id == id, ct)));
    }
}
