using Sigur.Platform;

namespace Sigur.Features.Fund;

/// <summary>The REST routes of the Direct Assistance Fund (start reading at Fund.cs).</summary>
public static class FundApi
{
    public static RouteGroupBuilder MapFundApi(this RouteGroupBuilder api)
    {
        var fund = api.MapGroup("/fund").WithTags("Fund");
        fund.MapGet("/budget", ManageGrants.Budget)
            .WithSummary("Grants and budget lines with approved, pending and available amounts");
        fund.MapPost("/donors", ManageGrants.AddDonor)
            .WithSummary("Add a donor");
        fund.MapPost("/grants", ManageGrants.AddGrant)
            .WithSummary("Add a grant with its budget lines");
        fund.MapGet("/disbursements", ListDisbursements.Handle)
            .WithSummary("Disbursement requests made or received by the organisation");
        fund.MapPost("/disbursements", RequestDisbursement.Handle)
            .WithSummary("Ask the fund to pay a cost for a case (the same cost is refused twice)");
        fund.MapPost("/disbursements/{id:guid}/approve", DecideDisbursement.Approve)
            .WithSummary("Approve (four eyes; never overspends the line)");
        fund.MapPost("/disbursements/{id:guid}/reject", DecideDisbursement.Reject)
            .WithSummary("Reject, with a reason");
        fund.MapPost("/disbursements/{id:guid}/payment", RecordPayment.Handle)
            .WithSummary("Record the payment of an approved request against its receipt (date, amount)");
        fund.MapGet("/donors/{id:guid}/report", DonorReport.Handle)
            .WithSummary("A donor's report for a period, as csv or xlsx (case references only; audited as an export)");
        return api;
    }
}
