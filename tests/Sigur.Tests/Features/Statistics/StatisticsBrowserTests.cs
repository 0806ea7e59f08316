using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Statistics;

/// <summary>
/// In Chromium, through the pages alone: an analyst downloads report templates and a cross-table, and a case worker
/// imports cases from a file — a check that finds a bad row, then a corrected file mapped, checked and imported.
/// </summary>
public sealed class StatisticsBrowserTests
{
    private static async Task<(IDownload Download, byte[] Bytes)> DownloadAsync(IPage page, Func<Task> click)
    {
        var download = await page.RunAndWaitForDownloadAsync(click);
        await using var stream = await download.CreateReadStreamAsync();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return (download, buffer.ToArray());
    }

    [Fact(Timeout = 300_000)]
    public async Task An_analyst_downloads_report_templates_as_pdf_and_excel_and_a_cross_table_as_csv_and_excel()
    {
        await using var host = await BrowserHost.StartAsync();
        var analyst = await host.AccountAsync(Role.Analyst, "analyst.browser", type: OrganisationType.NationalCoordinatorOffice, organisationName: "Coordinator's office");
        var page = host.Page;
        await host.SignInAsync(analyst);

        await page.ClickAsync("nav a[href='/Statistics']");
        await page.ClickAsync("#downloads-link");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Downloads");
        await BrowserHost.AssertAccessibleAsync(page);
        var greta = page.Locator("#template-greta");
        await greta.Locator("select[name=format]").SelectOptionAsync("pdf");
        var (pdf, pdfBytes) = await DownloadAsync(page, () => greta.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
        Assert.Equal($"greta-{host.Clock.GetUtcNow().Year - 1}.pdf", pdf.SuggestedFilename);
        Assert.Equal("%PDF-", Encoding.ASCII.GetString(pdfBytes, 0, 5));
        var eurostat = page.Locator("#template-eurostat");
        await eurostat.Locator("select[name=format]").SelectOptionAsync("xlsx");
        var (xlsx, xlsxBytes) = await DownloadAsync(page, () => eurostat.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("PK\u0003\u0004", Encoding.ASCII.GetString(xlsxBytes, 0, 4)); // a zip: the Open XML package
        var regional = page.Locator("#template-regional");
        await regional.Locator("select[name=format]").SelectOptionAsync("csv");
        var (_, csvBytes) = await DownloadAsync(page, () => regional.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
        Assert.StartsWith("country,year,template,table,", Encoding.UTF8.GetString(csvBytes), StringComparison.Ordinal);
        // A year the templates do not cover is refused on the page, not with a file.
        await greta.Locator("input[name=year]").EvaluateAsync("e => { e.removeAttribute('min'); e.value = '1980'; }");
        await greta.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync();
        await Expect(page.Locator("[role=alert]")).ToContainTextAsync("A year from 1990 to this year.");

        // A cross-table, shown, then downloaded as it is shown.
        await page.ClickAsync("nav a[href='/Statistics']");
        await page.ClickAsync("main a[href='/Statistics/Table']");
        await page.SelectOptionAsync("#rows", "sex");
        await page.SelectOptionAsync("#cols", "channel");
        await page.ClickAsync("#show-table");
        await Expect(page.Locator("#statistics-table")).ToBeVisibleAsync();
        await BrowserHost.AssertAccessibleAsync(page);
        var (tableCsv, tableCsvBytes) = await DownloadAsync(page, () => page.ClickAsync("#table-csv"));
        Assert.Matches(@"^table-sex-channel-\d{8}\.csv$", tableCsv.SuggestedFilename);
        var lines = Encoding.UTF8.GetString(tableCsvBytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("country,year,template,table,row_dimension,row_category,column_dimension,column_category,value,flag", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("MK,,table,,sex,", StringComparison.Ordinal) && l.Contains(",channel,", StringComparison.Ordinal));
        var (tableXlsx, tableXlsxBytes) = await DownloadAsync(page, () => page.ClickAsync("#table-xlsx"));
        Assert.EndsWith(".xlsx", tableXlsx.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("PK\u0003\u0004", Encoding.ASCII.GetString(tableXlsxBytes, 0, 4));

        // Every file left a line in the audit log.
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var exports = await db.AuditEntries.AsNoTracking().Where(a => a.Action == AuditAction.Export.Text() && a.UserId == analyst.UserId).Select(a => a.RecordType).ToListAsync();
        Assert.Equal(3, exports.Count(e => e == "StatisticsReport"));
        Assert.Equal(2, exports.Count(e => e == "StatisticsTable"));
    }

    [Fact(Timeout = 300_000)]
    public async Task A_case_worker_uploads_maps_and_checks_a_file_sees_the_bad_row_then_imports_the_corrected_file_all_at_once()
    {
        await using var host = await BrowserHost.StartAsync();
        var worker = await host.AccountAsync(Role.CaseWorker, "import.browser", type: OrganisationType.SocialWorkCentre, organisationName: "Social work centre Ohrid");
        var page = host.Page;
        await host.SignInAsync(worker);
        const string header = "Datum,sex,age,citizenship,forms,givenName,familyName\n";
        var bad = header + "2025-03-01,Female,24,MK,SexualExploitation,Ana,Petrova\n2025-03-02,Femail,31,AL,ForcedLabour,Bora,Hoxha\n";
        var good = bad.Replace("Femail", "Female", StringComparison.Ordinal);

        async Task UploadAndCheckAsync(string content)
        {
            await page.ClickAsync("nav a[href='/Cases']");
            await page.ClickAsync("#import-link");
            await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "cases.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(content) });
            await page.CheckAsync("input[name=Layout][value=Sigur]");
            await page.ClickAsync("#upload");
            await Expect(page.Locator("main")).ToContainTextAsync("cases.csv: 2 rows.");
            // The file calls the intake date "Datum": mapped by hand; the other columns carry Sigur's names.
            await Expect(page.Locator("#map-intakeDate")).ToHaveValueAsync("");
            await Expect(page.Locator("#map-sex")).ToHaveValueAsync("sex");
            await page.SelectOptionAsync("#map-intakeDate", "Datum");
            await BrowserHost.AssertAccessibleAsync(page);
            await page.ClickAsync("#check");
            await Expect(page.Locator("#run-summary")).ToBeVisibleAsync();
        }

        await UploadAndCheckAsync(bad);
        await Expect(page.Locator("#run-summary")).ToHaveTextAsync("2 rows: 2 new, 0 already imported, 0 written, 1 errors.");
        var error = page.Locator("#run-errors tbody tr");
        await Expect(error).ToHaveCountAsync(1);
        await Expect(error.Locator("td")).ToHaveTextAsync(["3", "sex", "Female, Male, Other, Unknown or empty."]);
        await Expect(page.Locator("#import")).ToHaveCountAsync(0);
        await BrowserHost.AssertAccessibleAsync(page);
        Assert.Equal(0, await CasesOfAsync(host, worker.OrganisationId));

        await UploadAndCheckAsync(good);
        await Expect(page.Locator("#run-summary")).ToHaveTextAsync("2 rows: 2 new, 0 already imported, 0 written, 0 errors.");
        Assert.Equal(0, await CasesOfAsync(host, worker.OrganisationId)); // a check writes nothing
        await page.ClickAsync("#import");
        await Expect(page.Locator("#run-summary")).ToHaveTextAsync("2 rows: 2 new, 0 already imported, 2 written, 0 errors.");
        Assert.Equal(2, await CasesOfAsync(host, worker.OrganisationId));

        // The imported cases are the organisation's, found by name like any other.
        await page.ClickAsync("nav a[href='/Cases']");
        await page.FillAsync("#q", "Hoxha");
        await page.ClickAsync("#search");
        await Expect(page.Locator("main table")).ToContainTextAsync("Hoxha");
    }

    private static async Task<int> CasesOfAsync(BrowserHost host, Guid organisationId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SigurDb>().Cases.IgnoreQueryFilters().CountAsync(c => c.OrganisationId == organisationId);
    }
}
