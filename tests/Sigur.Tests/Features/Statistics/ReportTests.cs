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
            // The spreadsheet names categories as a reader does; the CSV below keeps the codes.
            Assert.Equal(14, Read("Sexual exploitation", "Female"));
            Assert.Equal(12 + 3, Read("Total", "Male"));
            Assert.Equal(29, Read("Total", "Total"));
            Assert.Null(Read("Other forms", "Male")); // 3 begging victims: below 11, withheld
            Assert.Null(Read("Labour exploitation", "Male")); // 12: withheld so that the 3 cannot be worked out
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

        var exports = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.Export.Text() && e.UserId == analyst.Id).ToListAsync());
        Assert.Equal(3, exports.Count);
        Assert.Contains(exports, e => e.Reason == "greta 2025 Pdf");

        // A case worker gets no report at all.
        var worker = await app.ClientAsync(Role.CaseWorker, data.Organisation.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/statistics/reports/greta?year=2025&format=Pdf")).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Eurostat_tables_keep_Eurostat_categories_mark_excluded_ones_not_applicable_and_name_author_extraction_and_rules(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var data = await StatisticsData.NewAsync(app);
        var y = new DateOnly(2025, 3, 1);
        await data.ManyAsync(14, y, Sex.Female);
        await data.ManyAsync(12, y, Sex.Male, IdentificationStatus.Presumed);
        await data.ManyAsync(11, y, Sex.Other);
        await data.ManyAsync(13, y, Sex.Female, IdentificationStatus.Potential); // outside the table's definition

        // The independent count: straight from the cases (one per person here), not through the statistics code.
        var counted = await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Where(c => c.Region == data.Region)
            .Select(c => new { c.IdentificationStatus, c.Person!.Sex }).ToListAsync());
        int Count(IdentificationStatus status, params Sex[] sexes) => counted.Count(c => c.IdentificationStatus == status && sexes.Contains(c.Sex));

        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var client = await app.SignInAsync(await app.NewUserAsync(Role.Analyst, office.Id));
        var xlsx = await client.GetAsync("/api/v1/statistics/reports/eurostat?year=2025&format=Xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using (var wb = new XLWorkbook(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync())))
        {
            var about = wb.Worksheet("About");
            string About(string label) => Enumerable.Range(1, 12).Select(r => about.Row(r)).First(r => r.Cell(1).GetString() == label).Cell(2).GetString();
            Assert.Equal("Test Analyst", About("Produced by"));
            Assert.Equal("Analyst", About("Role"));
            Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$", About("Data extracted (UTC)"));

            var e1 = wb.Worksheet("E1");
            Assert.StartsWith("Counting rules: Persons", e1.Cell(2, 1).GetString());
            Assert.Equal(["Male", "Female", "Unknown", "Total"], Enumerable.Range(2, 4).Select(c => e1.Cell(4, c).GetString()));
            string Cell(string row, int column) => e1.Cell(Enumerable.Range(5, 6).First(r => e1.Cell(r, 1).GetString() == row), column).GetString();
            Assert.Equal(Count(IdentificationStatus.Presumed, Sex.Male).ToString(), Cell("Presumed victim", 2));
            Assert.Equal(Count(IdentificationStatus.Identified, Sex.Female).ToString(), Cell("Identified victim", 3));
            Assert.Equal(Count(IdentificationStatus.Identified, Sex.Other, Sex.Unknown).ToString(), Cell("Identified victim", 4)); // "other" is Eurostat's unknown
            Assert.Equal("11", Cell("Identified victim", 4));
            Assert.All(Enumerable.Range(2, 4), c => Assert.Equal("n/a", Cell("Potential victim", c))); // 13 potential victims: not a silent 0, and not counted
            Assert.All(Enumerable.Range(2, 4), c => Assert.Equal("n/a", Cell("Not a victim", c)));
            Assert.Equal((Count(IdentificationStatus.Identified, Enum.GetValues<Sex>()) + Count(IdentificationStatus.Presumed, Enum.GetValues<Sex>())).ToString(), Cell("Total", 5));
            Assert.Contains("n/a = not applicable", e1.Column(1).CellsUsed().Select(c => c.GetString()).Last(t => t.StartsWith("c = ", StringComparison.Ordinal)));
        }

        // The same report asked for in Macedonian: its labels, rules and legend in the reader's language, the figures the same.
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics/reports/eurostat?year=2025&format=Xlsx"))
        {
            request.Headers.AcceptLanguage.ParseAdd("mk");
            var mk = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, mk.StatusCode);
            using var wb = new XLWorkbook(new MemoryStream(await mk.Content.ReadAsByteArrayAsync()));
            Assert.Equal("Test Analyst", Enumerable.Range(1, 12).Select(r => wb.Worksheet("About").Row(r)).First(r => r.Cell(1).GetString() == "Изработил").Cell(2).GetString());
            var e1 = wb.Worksheet("E1");
            Assert.StartsWith("Правила на броење: Лица", e1.Cell(2, 1).GetString());
            Assert.Equal(["Машки", "Женски", "Непознато", "Вкупно"], Enumerable.Range(2, 4).Select(c => e1.Cell(4, c).GetString()));
            Assert.Equal("11", e1.Cell(Enumerable.Range(5, 6).First(r => e1.Cell(r, 1).GetString() == "Идентификувана жртва"), 4).GetString());
            Assert.Contains("n/a = не се применува", e1.Column(1).CellsUsed().Select(c => c.GetString()).Last(t => t.StartsWith("c = ", StringComparison.Ordinal)));
        }

        var csv = CsvText.ReadAll(new StringReader(await (await client.GetAsync("/api/v1/statistics/reports/eurostat?year=2025&format=Csv")).Content.ReadAsStringAsync()));
        var potential = csv.Single(r => r[3] == "E1" && r[5] == "Potential" && r[7] == "Female");
        Assert.Equal(("", "n/a"), (potential[8], potential[9]));
        Assert.All(csv.Skip(1), r => Assert.Equal(("Test Analyst", "Analyst"), (r[12], r[13])));
        Assert.DoesNotContain(csv.Skip(1), r => r[3] == "E1" && r[7] == "Other");
    }

    [Fact]
    public void Report_files_name_categories_dimensions_and_the_author_in_words_not_codes()
    {
        Assert.Equal("Not a victim", ReportFiles.CategoryLabel("status", "NotAVictim"));
        Assert.Equal("Presumed victim", ReportFiles.CategoryLabel("status", "Presumed"));
        Assert.Equal("Child", ReportFiles.CategoryLabel("agegroup", "Child"));
        Assert.Equal("Labour exploitation", ReportFiles.CategoryLabel("formgroup", "LabourExploitation"));
        Assert.Equal("Cross-border", ReportFiles.CategoryLabel("trafficking", "CrossBorder"));
        Assert.Equal("Unknown", ReportFiles.CategoryLabel("agegroup", Dimensions.Unknown));
        Assert.Equal("2025", ReportFiles.CategoryLabel("year", "2025"));
        Assert.Equal("MK", ReportFiles.CategoryLabel("citizenship", "MK"));
        Assert.Equal("Age group", ReportFiles.DimensionLabel("agegroup"));
        Assert.Equal("Ana Petrova (National coordinator)", ReportFiles.AuthorLabel(new Author("Ana Petrova", nameof(Role.NationalCoordinator))));
        Assert.Equal("Ana Petrova (Head of statistics)", ReportFiles.AuthorLabel(new Author("Ana Petrova", "Head of statistics")));
        // Every category a template can show has a label in the string table, never its code.
        var strings = new System.Resources.ResourceManager("Sigur.Resources.SharedResource", typeof(SharedResource).Assembly);
        foreach (var d in Dimensions.All.Where(d => d.FixedCategories is not null && d.Name != "ageband"))
            foreach (var c in d.FixedCategories!)
                Assert.True(Dimensions.CategoryKey(d.Name, c) is { } key && strings.GetString(key, System.Globalization.CultureInfo.InvariantCulture) is not null, $"{d.Name}: {c}");
    }
}
