using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Fund;

/// <summary>
/// A fund officer approves or rejects a requested disbursement. Approval is four-eyes (never by the requester) and
/// never overspends: in one transaction, the request moves Requested → Approved by a conditional update that also
/// names a different approver, and the line's approved total grows by a conditional update that keeps it within
/// the line; if either updates no row, nothing is written and the answer is 409.
/// </summary>
public static class DecideDisbursement
{
    public const string Policy = Policies.FundManage;

    public sealed record RejectRequest(string Reason);

    public static async Task<Results<Ok<DisbursementView>, ValidationProblem, ProblemHttpResult>> Approve(
        Guid id, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, Notifier notifier, CancellationToken ct)
    {
        var d = await db.Set<Disbursement>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id && x.FundOrganisationId == user.OrganisationId, ct);
        if (d is null) return Problems.NotFound();
        var approver = user.UserId!.Value;
        if (d.RequestedBy == approver) return FourEyes();
        if (d.Status != DisbursementStatus.Requested) return NotRequested(d.Status);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var decided = await db.Set<Disbursement>()
            .Where(x => x.Id == id && x.Status == DisbursementStatus.Requested && x.RequestedBy != approver)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, DisbursementStatus.Approved).SetProperty(x => x.DecidedAt, now)
                .SetProperty(x => x.DecidedBy, approver).SetProperty(x => x.Version, x => x.Version + 1), ct);
        if (decided == 0) return Problems.Conflict("The request was decided at the same moment. Reload it.");
        var amount = d.Amount;
        var funded = await db.Set<BudgetLine>()
            .Where(l => l.Id == d.BudgetLineId && l.Approved + amount <= l.Amount)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Approved, l => l.Approved + amount), ct);
        if (funded == 0)
            return new Refusal("Approving this request would overspend the budget line.").Problem("Budget line exhausted"); // the transaction rolls back with it
        db.AuditWithNextSave(audit.New(AuditAction.Approve, nameof(Disbursement), id.ToString(), [], null));
        await notifier.SettleAsync(d.FundOrganisationId, RequestDisbursement.ApprovalWaiting, RequestDisbursement.LinkTo(id), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(DisbursementView.From(await db.Set<Disbursement>().AsNoTracking().SingleAsync(x => x.Id == id, ct)));
    }

    public static async Task<Results<Ok<DisbursementView>, ValidationProblem, ProblemHttpResult>> Reject(
        Guid id, RejectRequest request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, Notifier notifier, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["State the reason in at most 1000 characters."] });
        var d = await db.Set<Disbursement>().SingleOrDefaultAsync(x => x.Id == id && x.FundOrganisationId == user.OrganisationId, ct);
        if (d is null) return Problems.NotFound();
        if (d.RequestedBy == user.UserId) return FourEyes();
        if (d.Status != DisbursementStatus.Requested) return NotRequested(d.Status);
        d.Status = DisbursementStatus.Rejected;
        d.DecidedAt = clock.GetUtcNow().UtcDateTime;
        d.DecidedBy = user.UserId;
        d.RejectReason = request.Reason.Trim();
        db.AuditWithNextSave(audit.New(AuditAction.Reject, nameof(Disbursement), id.ToString(), [], null));
        await notifier.SettleAsync(d.FundOrganisationId, RequestDisbursement.ApprovalWaiting, RequestDisbursement.LinkTo(id), ct);
        try
        {
            await db.SaveChangesAsync(ct); // UPDATE … WHERE version = @read: a parallel decision wins once
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("The request was decided at the same moment. Reload it.");
        }
        return TypedResults.Ok(DisbursementView.From(d));
    }

    private static ProblemHttpResult FourEyes() =>
        new Refusal("A request is decided by a fund officer other than the one who made it.").Problem("Four eyes");

    private static ProblemHttpResult NotRequested(DisbursementStatus status) => new Refusal("The request was already decided (status: {0}).", status).Problem();
}
