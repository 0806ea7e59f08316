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
}
