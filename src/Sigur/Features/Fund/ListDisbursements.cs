using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Audit;
using Sigur.Platform;

namespace Sigur.Features.Fund;

/// <summary>Disbursement requests the organisation made, or (for the fund's organisation) received; newest first.</summary>
public static class ListDisbursements
{
    public const string Policy = Policies.FundRead;

    public static async Task<Ok<List<DisbursementView>>> Handle(DisbursementStatus? status, SigurDb db, Audit audit, CancellationToken ct)
    {
        var query = db.Set<Disbursement>().AsNoTracking();
        if (status is { } s) query = query.Where(d => d.Status == s);
        var rows = await query.OrderByDescending(d => d.RequestedAt).ThenByDescending(d => d.Id).Take(500).ToListAsync(ct);
        await audit.ListAsync(nameof(Disbursement), rows.Select(d => d.Id));
        return TypedResults.Ok(rows.ConvertAll(DisbursementView.From));
    }
}
