using Sigur.Platform.Access;
using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Fund;

/// <summary>
/// What the fund tells a donor about a period: per budget line of the donor's grants, the balance to date and what
/// was approved and paid of the requests made in the period; and those requests one by one. A donor report leaves
/// the system, so it carries no personal data: a case appears as its reference only; the purpose (free text) and
/// the supplier (often a private landlord, interpreter or doctor) are left out. Every export is audited.
/// </summary>
public static class DonorReport
{
    public const string Policy = Policies.FundManage;

    public enum Format { Csv, Xlsx }

    public sealed record LineRow(string Grant, string Currency, AssistanceCategory Category, long Budget, long ApprovedToDate, long PaidToDate,
        long Available, long ApprovedInPeriod, long PaidInPeriod);

    public sealed record DisbursementRow(string Grant, string Currency, AssistanceCategory Category, string CaseReference, DisbursementStatus Status,
        DateOnly RequestedOn, DateOnly? DecidedOn, long Amount, string ReceiptReference, DateOnly? ReceiptDate, long? PaidAmount, DateOnly? PaidOn);

    public sealed record Report(string Donor, DateOnly From, DateOnly To, IReadOnlyList<LineRow> Lines, IReadOnlyList<DisbursementRow> Disbursements);

    public static readonly string[] CsvHeader =
        ["grant", "currency", "category", "case_reference", "status", "requested_on", "decided_on", "amount_minor", "receipt_reference", "receipt_date", "paid_minor", "paid_on"];

    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, [FromQuery] DateOnly? from, [FromQuery] DateOnly? to, [FromQuery] string? format, SigurDb db, CurrentUser user, IServiceProvider services,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null) errors["from"] = ["The first day of the period (yyyy-mm-dd)."];
        if (to is null || (from is { } f0 && to < f0) || (from is { } f1 && to is { } t1 && t1.DayNumber - f1.DayNumber > 3660))
            errors["to"] = ["The last day of the period: on or after the first, at most ten years later."];
        var fmt = Format.Xlsx;
        if (format is not null && (!Enum.TryParse(format, ignoreCase: true, out fmt) || !Enum.IsDefined(fmt))) errors["format"] = ["csv or xlsx."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var report = await BuildAsync(db, user, id, from!.Value, to!.Value, ct);
        if (report is null) return Problems.NotFound();
        var bytes = fmt == Format.Csv ? Csv(report) : Xlsx(report);
        await ExportAudit.RecordAsync(services, "FundDonorReport", $"donor {id} {from:yyyy-MM-dd}..{to:yyyy-MM-dd} {fmt}", ct);
        return TypedResults.File(bytes, fmt == Format.Csv ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            $"donor-report-{from:yyyyMMdd}-{to:yyyyMMdd}.{fmt.ToString().ToLowerInvariant()}");
    }

    /// <summary>The report for a donor of the user's fund, or null when the donor is not the fund's.</summary>
    public static async Task<Report?> BuildAsync(SigurDb db, CurrentUser user, Guid donorId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var donor = await db.Held<Donor>().AsNoTracking().SingleOrDefaultAsync(d => d.Id == donorId, ct);
        if (donor is null) return null;
        var grants = await db.Set<Grant>().AsNoTracking().Where(g => g.DonorId == donorId).ToDictionaryAsync(g => g.Id, ct);
        var grantIds = grants.Keys.ToList();
        var lines = await db.Set<BudgetLine>().AsNoTracking().Where(l => grantIds.Contains(l.GrantId)).ToListAsync(ct);
        var lineIds = lines.Select(l => l.Id).ToList();
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // Only the columns the report prints: neither purpose nor supplier is ever read.
        var requests = await db.Set<Disbursement>().AsNoTracking()
            .Where(d => lineIds.Contains(d.BudgetLineId) && d.RequestedAt >= start && d.RequestedAt < end)
            .Select(d => new { d.BudgetLineId, d.Category, d.CaseReference, d.Status, d.RequestedAt, d.DecidedAt, d.Amount, d.Currency, d.ReceiptReference,
                d.ReceiptDate, d.PaidAmount, d.PaidOn })
            .ToListAsync(ct);

        var lineOf = lines.ToDictionary(l => l.Id);
        static DateOnly? Day(DateTime? t) => t is { } v ? DateOnly.FromDateTime(v) : null;
        var rows = requests.OrderBy(r => grants[lineOf[r.BudgetLineId].GrantId].Name, StringComparer.Ordinal).ThenBy(r => r.Category).ThenBy(r => r.RequestedAt)
            .Select(r => new DisbursementRow(grants[lineOf[r.BudgetLineId].GrantId].Name, r.Currency, r.Category, r.CaseReference, r.Status,
                DateOnly.FromDateTime(r.RequestedAt), Day(r.DecidedAt), r.Amount, r.ReceiptReference, Day(r.ReceiptDate), r.PaidAmount, Day(r.PaidOn)))
            .ToList();
        var lineRows = lines.OrderBy(l => grants[l.GrantId].Name, StringComparer.Ordinal).ThenBy(l => l.Category).Select(l =>
        {
            var own = requests.Where(r => r.BudgetLineId == l.Id).ToList();
            // A paid request holds only what was paid; the rest went back to the line.
            var approved = Fund.Money.Total(own.Select(r => r.Status switch { DisbursementStatus.Approved => r.Amount, DisbursementStatus.Paid => r.PaidAmount ?? 0, _ => 0 }));
            return new LineRow(grants[l.GrantId].Name, l.Currency, l.Category, l.Amount, l.Approved, l.Paid, l.Amount - l.Approved, approved,
                Fund.Money.Total(own.Select(r => r.PaidAmount ?? 0)));
        }).ToList();
        return new Report(donor.Name, from, to, lineRows, rows);
    }

    private static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static byte[] Csv(Report report)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true))
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\r\n", Injection = CsvInjection.Escape }))
        {
            csv.WriteRecord(CsvHeader);
            foreach (var r in report.Disbursements)
                csv.WriteRecord([r.Grant, r.Currency, r.Category.ToString(), r.CaseReference, r.Status.ToString(), Date(r.RequestedOn), Date(r.DecidedOn),
                    r.Amount.ToString(CultureInfo.InvariantCulture), r.ReceiptReference, Date(r.ReceiptDate),
                    r.PaidAmount?.ToString(CultureInfo.InvariantCulture) ?? "", Date(r.PaidOn)]);
        }
        return buffer.ToArray();
    }

    /// <summary>Two sheets: the lines' balances and the requests. Amounts in major units (the fund's currencies have two decimals).</summary>
    public static byte[] Xlsx(Report report)
    {
        using var wb = new XLWorkbook();
        var lines = wb.Worksheets.Add("Lines");
        lines.Cell(1, 1).SetValue(Spreadsheet.Safe($"{report.Donor}: {report.From:yyyy-MM-dd} – {report.To:yyyy-MM-dd}"));
        lines.Cell(1, 1).Style.Font.Bold = true;
        string[] lineHeader = ["Grant", "Currency", "Category", "Budget", "Approved to date", "Paid to date", "Available", "Approved in period", "Paid in period"];
        Header(lines, 3, lineHeader);
        var row = 3;
        foreach (var l in report.Lines)
        {
            row++;
            lines.Cell(row, 1).SetValue(Spreadsheet.Safe(l.Grant));
            lines.Cell(row, 2).SetValue(l.Currency);
            lines.Cell(row, 3).SetValue(l.Category.ToString());
            long[] amounts = [l.Budget, l.ApprovedToDate, l.PaidToDate, l.Available, l.ApprovedInPeriod, l.PaidInPeriod];
            for (var j = 0; j < amounts.Length; j++) Money(lines.Cell(row, 4 + j), amounts[j]);
        }
        lines.Columns(1, 9).Width = 18;

        var requests = wb.Worksheets.Add("Disbursements");
        string[] header = ["Grant", "Currency", "Category", "Case", "Status", "Requested on", "Decided on", "Amount", "Receipt", "Receipt date", "Paid", "Paid on"];
        Header(requests, 1, header);
        row = 1;
        foreach (var r in report.Disbursements)
        {
            row++;
            requests.Cell(row, 1).SetValue(Spreadsheet.Safe(r.Grant));
            requests.Cell(row, 2).SetValue(r.Currency);
            requests.Cell(row, 3).SetValue(r.Category.ToString());
            requests.Cell(row, 4).SetValue(r.CaseReference);
            requests.Cell(row, 5).SetValue(r.Status.ToString());
            requests.Cell(row, 6).SetValue(Date(r.RequestedOn));
            requests.Cell(row, 7).SetValue(Date(r.DecidedOn));
            Money(requests.Cell(row, 8), r.Amount);
            requests.Cell(row, 9).SetValue(Spreadsheet.Safe(r.ReceiptReference));
            requests.Cell(row, 10).SetValue(Date(r.ReceiptDate));
            if (r.PaidAmount is { } paid) Money(requests.Cell(row, 11), paid);
            requests.Cell(row, 12).SetValue(Date(r.PaidOn));
        }
        requests.Columns(1, 12).Width = 16;
        using var buffer = new MemoryStream();
        wb.SaveAs(buffer);
        return buffer.ToArray();
    }

    private static void Header(IXLWorksheet ws, int row, string[] titles)
    {
        for (var j = 0; j < titles.Length; j++) ws.Cell(row, j + 1).SetValue(titles[j]);
        ws.Row(row).Style.Font.Bold = true;
    }

    private static void Money(IXLCell cell, long minor)
    {
        cell.SetValue(minor / 100m);
        cell.Style.NumberFormat.Format = "#,##0.00";
    }
}
