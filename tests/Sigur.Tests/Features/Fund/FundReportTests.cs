using System.Globalization;
using System.Net;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Fund;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Fund;

/// <summary>Payments against receipts, balances per grant and line, and the donor's report (CSV and Excel) checked against the database.</summary>
public sealed class FundReportTests : IClassFixture<AppPool>
{
    private const string FamilyName = "Kostadinovska";

    private sealed record World(HttpClient Officer, HttpClient SecondOfficer, HttpClient Worker, RegisterCase.Response Case, Guid DonorId, GrantView Grant)
    {
        public BudgetLineView Line(AssistanceCategory c) => Grant.Lines.Single(l => l.Category == c);

        public async Task<DisbursementView> ApprovedAsync(long amount, string receipt, AssistanceCategory c = AssistanceCategory.Medical, string supplier = "Apteka Zdravje")
        {
            var created = await Worker.PostJsonAsync("/api/v1/fund/disbursements", new RequestDisbursement.Request(
                Case.Id, Line(c).Id, amount, "EUR", "Medicines for the person's treatment", supplier, receipt));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var approved = await Officer.PostAsync($"/api/v1/fund/disbursements/{(await created.ReadAsync<DisbursementView>()).Id}/approve", null);
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
            return await approved.ReadAsync<DisbursementView>();
        }
    }

    private static async Task<World> WorldAsync(TestApp app)
    {
        var fundOrg = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var officer = await app.ClientAsync(Role.FundOfficer, fundOrg.Id);
        var second = await app.ClientAsync(Role.FundOfficer, fundOrg.Id);
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync(CaseRequests.New("Elena", FamilyName));
        var donor = await (await officer.PostJsonAsync("/api/v1/fund/donors", new ManageGrants.DonorRequest("Donor Foundation"))).ReadAsync<ManageGrants.DonorView>();
        var grant = await (await officer.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "Direct assistance 2026", 200_000, "EUR",
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), [new(AssistanceCategory.Medical, 100_000), new(AssistanceCategory.Food, 50_000)]))).ReadAsync<GrantView>();
        return new World(officer, second, worker, c, donor.Id, grant);
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory, BothProviders]
    public async Task A_payment_is_recorded_once_against_its_receipt_and_returns_the_rest_to_the_line(TestApp app)
    {
        var w = await WorldAsync(app);
        var d = await w.ApprovedAsync(10_000, "INV-1");
        var url = $"/api/v1/fund/disbursements/{d.Id}/payment";

        // More than approved, a future receipt, no reference, a stale version: refused, nothing written.
        var tooMuch = await w.Officer.PostJsonAsync(url, new RecordPayment.Request(d.Version, Today, 10_001, Today, "TR-1"));
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        Assert.Contains("amount", await tooMuch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await w.Officer.PostJsonAsync(url, new RecordPayment.Request(d.Version, Today.AddDays(1), 9_000, Today.AddDays(1), "TR-1"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await w.Officer.PostJsonAsync(url, new RecordPayment.Request(d.Version, Today, 9_000, Today, " "))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await w.Officer.PostJsonAsync(url, new RecordPayment.Request(d.Version - 1, Today, 9_000, Today, "TR-1"))).StatusCode);
        // The requester's side cannot record payments; another fund sees nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Worker.PostJsonAsync(url, new RecordPayment.Request(d.Version, Today, 9_000, Today, "TR-1"))).StatusCode);

        // Two officers at once: one payment.
        var both = await Task.WhenAll(w.Officer.PostJsonAsync(url, new RecordPayment.Request(d.Version, Today.AddDays(-2), 9_000, Today, "TR-1")),
            w.SecondOfficer.PostJsonAsync(url, new RecordPayment.Request(d.Version, Today.AddDays(-2), 9_000, Today, "TR-1")));
        var paid = await Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK).ReadAsync<DisbursementView>();
        Assert.Equal(HttpStatusCode.Conflict, Assert.Single(both, r => r.StatusCode != HttpStatusCode.OK).StatusCode);
        Assert.Equal((DisbursementStatus.Paid, 9_000L, Today.AddDays(-2), Today, "TR-1"), (paid.Status, paid.PaidAmount!.Value, paid.ReceiptDate!.Value, paid.PaidOn!.Value, paid.PaymentReference));

        // The 1,000 the receipt came in under goes back to the line; the grant sums its lines.
        var budget = await (await w.Officer.GetAsync("/api/v1/fund/budget")).ReadAsync<List<GrantView>>();
        var grant = budget.Single(g => g.Id == w.Grant.Id);
        var line = grant.Lines.Single(l => l.Category == AssistanceCategory.Medical);
        Assert.Equal((9_000L, 9_000L, 91_000L), (line.Approved, line.Paid, line.Available));
        Assert.Equal((9_000L, 9_000L, 0L, 141_000L, 50_000L), (grant.Approved, grant.Paid, grant.Pending, grant.Available, grant.Unallocated));
        var stored = await app.WithDbAsync(db => db.Set<BudgetLine>().SingleAsync(l => l.Id == line.Id));
        Assert.Equal((stored.Approved, stored.Paid), (line.Approved, line.Paid));
    }

    [Theory, BothProviders]
    public async Task The_donor_report_as_csv_and_excel_equals_the_database_and_carries_no_personal_data(TestApp app)
    {
        var w = await WorldAsync(app);
        var paidOne = await w.ApprovedAsync(12_345, "INV-A");
        Assert.Equal(HttpStatusCode.OK, (await w.Officer.PostJsonAsync($"/api/v1/fund/disbursements/{paidOne.Id}/payment",
            new RecordPayment.Request(paidOne.Version, Today, 12_000, Today, "TR-9"))).StatusCode);
        await w.ApprovedAsync(2_500, "INV-B", AssistanceCategory.Food, supplier: $"=HYPERLINK(\"http://x\") {FamilyName}");
        var pending = await w.Worker.PostJsonAsync("/api/v1/fund/disbursements", new RequestDisbursement.Request(
            w.Case.Id, w.Line(AssistanceCategory.Medical).Id, 700, "EUR", "Taxi to the clinic", "Taxi Lotus", "=1+1"));
        Assert.Equal(HttpStatusCode.Created, pending.StatusCode);

        var from = Today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var rows = await app.WithDbAsync(db => db.Set<Disbursement>().IgnoreQueryFilters().Where(d => d.CaseId == w.Case.Id).ToListAsync());
        var lines = await app.WithDbAsync(db => db.Set<BudgetLine>().Where(l => l.GrantId == w.Grant.Id).ToListAsync());
        Assert.Equal(3, rows.Count);

        // CSV: one row per request, minor units, formulas neutralised; no name, purpose or supplier.
        var csvResponse = await w.Officer.GetAsync($"/api/v1/fund/donors/{w.DonorId}/report?from={from}&to={to}&format=csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        var csvBytes = await csvResponse.Content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(csvBytes);
        foreach (var secret in new[] { FamilyName, "Elena", "Medicines", "Taxi", "Apteka", "HYPERLINK" }) Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        using (var csv = CsvReader.Create(csvBytes, new CsvReaderOptions()))
        {
            Assert.Equal(DonorReport.CsvHeader, csv.Headers.ToArray());
            var read = 0;
            while (csv.Read())
            {
                read++;
                var receipt = csv.GetString("receipt_reference");
                var d = rows.Single(r => r.ReceiptReference == (receipt.StartsWith('\'') ? receipt[1..] : receipt));
                Assert.Equal(d.Amount.ToString(CultureInfo.InvariantCulture), csv.GetString("amount_minor"));
                Assert.Equal(d.PaidAmount?.ToString(CultureInfo.InvariantCulture) ?? "", csv.GetString("paid_minor"));
                Assert.Equal(d.Status.ToString(), csv.GetString("status"));
                Assert.Equal(d.CaseReference, csv.GetString("case_reference"));
                Assert.Equal(d.Category.ToString(), csv.GetString("category"));
            }
            Assert.Equal(rows.Count, read);
        }
        Assert.Contains("'=1+1", text, StringComparison.Ordinal); // the receipt reference that looked like a formula

        // Excel: the lines' balances equal the budget lines; the requests equal the rows.
        var xlsx = await w.Officer.GetAsync($"/api/v1/fund/donors/{w.DonorId}/report?from={from}&to={to}&format=xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var wb = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var sheet = wb.Worksheet("Lines");
            foreach (var l in lines)
            {
                var row = sheet.RowsUsed().Single(r => r.Cell(3).GetString() == l.Category.ToString());
                Assert.Equal(l.Amount / 100m, row.Cell(4).GetValue<decimal>());
                Assert.Equal(l.Approved / 100m, row.Cell(5).GetValue<decimal>());
                Assert.Equal(l.Paid / 100m, row.Cell(6).GetValue<decimal>());
                Assert.Equal((l.Amount - l.Approved) / 100m, row.Cell(7).GetValue<decimal>());
                var own = rows.Where(r => r.BudgetLineId == l.Id).ToList();
                Assert.Equal(own.Sum(r => r.Status == DisbursementStatus.Paid ? r.PaidAmount!.Value : r.Status == DisbursementStatus.Approved ? r.Amount : 0) / 100m,
                    row.Cell(8).GetValue<decimal>());
                Assert.Equal(own.Sum(r => r.PaidAmount ?? 0) / 100m, row.Cell(9).GetValue<decimal>());
            }
            var requests = wb.Worksheet("Disbursements");
            Assert.Equal(rows.Count, requests.RowsUsed().Count() - 1);
            Assert.Equal(rows.Sum(r => r.Amount) / 100m, requests.RowsUsed().Skip(1).Sum(r => r.Cell(8).GetValue<decimal>()));
            var everything = string.Join('|', wb.Worksheets.SelectMany(s => s.CellsUsed()).Select(c => c.GetString()));
            foreach (var secret in new[] { FamilyName, "Medicines", "Taxi", "Apteka" }) Assert.DoesNotContain(secret, everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(wb.Worksheets.SelectMany(s => s.CellsUsed()), c => c.HasFormula);
        }

        // Both downloads are in the audit log as exports; another fund's officer gets 404, a worker 403; bad periods 400.
        var exports = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.Export.Text() && e.RecordType == "FundDonorReport").ToListAsync());
        Assert.Equal(2, exports.Count(e => e.Reason!.Contains(w.DonorId.ToString(), StringComparison.Ordinal)));
        var stranger = await app.ClientAsync(Role.FundOfficer, (await app.NewOrganisationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/fund/donors/{w.DonorId}/report?from={from}&to={to}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Worker.GetAsync($"/api/v1/fund/donors/{w.DonorId}/report?from={from}&to={to}")).StatusCode);
        var backwards = await w.Officer.GetAsync($"/api/v1/fund/donors/{w.DonorId}/report?from={to}&to={from}");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("\"to\"", await backwards.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await w.Officer.GetAsync($"/api/v1/fund/donors/{w.DonorId}/report?from={from}&to={to}&format=pdf")).StatusCode);
    }
}
