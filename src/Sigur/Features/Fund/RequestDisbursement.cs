using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Fund;

/// <summary>
/// Asks the fund to pay a cost for a case the user's organisation can see, from one budget line. The same cost —
/// same case, supplier and receipt reference — is refused (409) while an earlier request for it stands.
/// </summary>
public static class RequestDisbursement
{
    public const string Policy = Policies.FundRequest;
    public const string ApprovalWaiting = "Fund.ApprovalWaiting";

    /// <summary>The request's row on the fund's page.</summary>
    public static string LinkTo(Guid disbursementId) => $"/Fund#disbursement-{disbursementId}";

    public sealed record Request(Guid CaseId, Guid BudgetLineId, long Amount, string Currency, string Purpose, string Supplier, string ReceiptReference);

    public static async Task<Results<Created<DisbursementView>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Money.InRange(request.Amount)) errors["amount"] = [Money.RangeMessage];
        if (!Money.IsCurrency(request.Currency)) errors["currency"] = ["An ISO 4217 code such as EUR or MKD."];
        if (string.IsNullOrWhiteSpace(request.Purpose) || request.Purpose.Length > 1000) errors["purpose"] = ["State the purpose in at most 1000 characters."];
        if (string.IsNullOrWhiteSpace(request.Supplier) || request.Supplier.Length > 200) errors["supplier"] = ["Name the supplier (at most 200 characters)."];
        if (string.IsNullOrWhiteSpace(request.ReceiptReference) || request.ReceiptReference.Length > 100) errors["receiptReference"] = ["The receipt or invoice reference (at most 100 characters)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var c = await db.Cases.AsNoTracking().Where(x => x.Id == request.CaseId).Select(x => new { x.Id, x.Reference }).SingleOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound();
        var line = await db.Set<BudgetLine>().AsNoTracking().SingleOrDefaultAsync(l => l.Id == request.BudgetLineId, ct);
        if (line is null) return Problems.NotFound();
        if (line.Currency != request.Currency)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currency"] = ["The budget line is in another currency."] });

        var receipt = request.ReceiptReference.Trim();
        var costKey = Disbursement.CostKeyOf(db.Protection, request.Supplier, receipt);
        var duplicate = Problems.Conflict("This cost (case, supplier, receipt) was already requested; the same cost is never paid twice.");
        if (await db.Set<Disbursement>().IgnoreQueryFilters().AnyAsync(d => d.CaseId == c.Id && d.CostKey == costKey
                && d.Status != DisbursementStatus.Rejected, ct))
            return duplicate;
        var disbursement = new Disbursement
        {
            OrganisationId = user.OrganisationId!.Value, FundOrganisationId = line.OrganisationId, CaseId = c.Id, CaseReference = c.Reference,
            BudgetLineId = line.Id, Category = line.Category, Amount = request.Amount, Currency = request.Currency, Purpose = request.Purpose.Trim(),
            Supplier = request.Supplier.Trim(), CostKey = costKey, ReceiptReference = receipt,
            RequestedAt = clock.GetUtcNow().UtcDateTime, RequestedBy = user.UserId!.Value,
        };
        db.Add(disbursement);
        // The fund's officers see that a second pair of eyes is waiting (case reference only), until one decides.
        notifier.Add(line.OrganisationId, null, new NotificationMessage(ApprovalWaiting, [c.Reference], LinkTo(disbursement.Id)));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return duplicate; // the unique index caught a parallel request for the same cost
        }
        return TypedResults.Created($"/api/v1/fund/disbursements/{disbursement.Id}", DisbursementView.From(disbursement));
    }
}
