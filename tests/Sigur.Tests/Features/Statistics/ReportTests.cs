using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>Report templates as Excel, CSV and PDF: opened and checked against a recount; exports audited.</summary>
public sealed class ReportTests
{
    [Theory, BothProviders]
    public async Task Eurostat_report_opens_in_Excel_CSV_and_PDF_with_the_recounted_figures_and_is_audited(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var data = await StatisticsData.NewAsync(app);
        var y = new DateOnly(2025, 6, 1);
        await data.ManyAsync(14, y, Sex.Female, forms: ["SexualExploitation"]);
        await data.ManyAsync(12, y, Sex.Male, forms: ["ForcedLabour"]);
        await data.ManyAsync(3, y, Sex.Male, forms: ["ForcedBegging"]);
        await data.ManyAsync(2, y, Sex.Female, IdentificationStatus.Potential); // not a registered victim

        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var analyst = await app.NewUserAsync(Role.Analyst, office.Id);
        var client = await app.SignInAsync(analyst);

        var expected = await data.CountAsync("formgroup", "sex", CountingUnit.Person, "status=Identified,Presumed", "year=2025");
        Assert.Equal(14, expected.Cell("SexualExploitation", "Female"));

        var xlsx = await client.GetAsync("/api/v1/statistics/reports/eurostat?year=2025&format=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var wb = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            Assert.Contains("Produced by", wb.Worksheet("About").Cell(5, 1).GetString());
            var e4 = wb.Worksheet("E4");
            var header = Enumerable.Range(2, 5).Select(c => e4.Cell(4, c).GetString()).ToList();
            int? Read(string row, string col)
            {
                var r = Enumerable.Range(5, 6).First(i => e4.Cell(i, 1).GetString() == row);
                var cell = e4.Cell(r, 2 + header.IndexOf(col));
                return cell.GetString() == "c" ? null : (int)cell.GetDouble();
            }
            Assert.Equal(14, Read("SexualExploitation", "Female"));
            Assert.Equal(12 + 3, Read("Total", "Male"));
            Assert.Equal(29, Read("Total", "Total"));
            Assert.Null(Read("OtherForms", "Male")); // 3 begging victims: below 11, withheld
            Assert.Null(Read("LabourExploitation", "Male")); // 12: withheld so that the 3 cannot be worked out
        }

        var csv = await client.GetAsync("/api/v1/statistics/reports/eurostat?year=2025&format=Csv");
        var records = CsvText.ReadAll(new StringReader(await csv.Content.ReadAsStringAsync()));
        Assert.Equal(ReportFiles.CsvHeader, records[0]);
        var figure = records.Single(r => r[3] == "E4" && r[5] == "SexualExploitation" && r[7] == "Female");
        Assert.Equal("14", figure[8]);
        var withheld = records.Single(r => r[3] == "E4" && r[5] == "OtherForms" && r[7] == "Male");
        Assert.Equal(("", "c"), (withheld[8], withheld[9]));
        Assert.DoesNotContain(records.Skip(1), r => r[8] is "1" or "2" or "3" or "4");

        var pdf = await client.GetAsync("/api/v1/statistics/reports/greta?year=2025&format=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        using (var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(bytes), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import))
        {
            Assert.True(document.PageCount >= 1);
            Assert.Contains("GRETA", document.Info.Title);
        }

        await Task.Delay(500); // the audit writer appends asynchronously
        var exports = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.Export.Text() && e.UserId == analyst.Id).ToListAsync());
        Assert.Equal(3, exports.Count);
        Assert.Contains(exports, e => e.Reason == "greta 2025 Pdf");

        // A case worker gets no report at all.
        var worker = await app.ClientAsync(Role.CaseWorker, data.Organisation.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/statistics/reports/greta?year=2025&format=Pdf")).StatusCode);
    }
}
