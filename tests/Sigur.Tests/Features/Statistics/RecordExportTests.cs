using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>The anonymised record export is k-anonymous, says what it generalised, and carries nothing identifying.</summary>
public sealed class RecordExportTests
{
    [Theory, BothProviders]
    public async Task The_export_is_k_anonymous_over_its_quasi_identifiers_and_reports_its_generalisations(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var data = await StatisticsData.NewAsync(app);
        var random = new Random(11);
        string[] countries = ["MK", "MK", "MK", "AL", "AL", "RS", "XK", "UA", "SY"];
        for (var i = 0; i < 120; i++)
        {
            var person = await data.PersonAsync((Sex)random.Next(2), $"{1975 + random.Next(35)}-0{1 + random.Next(9)}-1{random.Next(9)}",
                [countries[random.Next(countries.Length)]]);
            await data.CaseAsync(person, new DateOnly(2025, 1 + random.Next(12), 1 + random.Next(28)),
                random.Next(3) == 0 ? IdentificationStatus.Presumed : IdentificationStatus.Identified,
                forms: [random.Next(2) == 0 ? "SexualExploitation" : "ForcedLabour"], exploitation: [random.Next(4) == 0 ? "DE" : "MK"]);
        }
        // One that is not a victim is never exported.
        await data.CaseAsync(await data.PersonAsync(), new DateOnly(2024, 1, 1), IdentificationStatus.NotAVictim);

        const int k = 11;
        var result = await app.WithDbAsync(db => RecordExport.BuildAsync(db, app.Services.GetRequiredService<IConfiguration>(), k, default));
        Assert.Equal(120, result.Report.Records);
        Assert.NotEmpty(result.Report.Generalisations);
        Assert.Equal(result.Report.Records - result.Report.Suppressed, result.Rows.Count);
        Assert.True(result.Report.Suppressed < 60);

        // Read back what was written, and group it by the quasi-identifiers.
        using var stream = new MemoryStream();
        await RecordExport.WriteCsvAsync(result, stream, default);
        stream.Position = 0;
        var records = Sigur.Platform.CsvText.ReadAll(new StreamReader(stream));
        var header = records[0];
        Assert.Equal([.. CtdcLayout.Columns, CtdcLayout.RegionColumn], header);
        var columns = RecordExport.QuasiIdentifiers.Select(q => Array.IndexOf(header, q)).ToArray();
        var classes = records.Skip(1).GroupBy(r => string.Join('|', columns.Select(c => r[c]))).ToList();
        Assert.All(classes, g => Assert.True(g.Count() >= k, $"class {g.Key} has {g.Count()} records"));
        Assert.Equal(result.Rows.Count, records.Count - 1);

        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        Assert.DoesNotContain("Zdravka", text);   // the name of every test person
        Assert.DoesNotContain("Kovachevska", text);
        Assert.DoesNotContain("1995-", text);
        Assert.DoesNotContain(data.Region, text); // regions were generalised away at this size
    }

    [Fact]
    public void Generalisation_goes_only_as_far_as_needed()
    {
        var rows = Enumerable.Range(0, 30).Select(i => new Dictionary<string, string>(RecordExport.QuasiIdentifiers.ToDictionary(q => q, _ => ""))
        {
            ["yearOfRegistration"] = "2025", ["gender"] = "Female", ["ageBroad"] = "18--20", ["majorityStatus"] = "Adult",
            ["citizenship"] = i < 3 ? "SY" : i < 6 ? "UA" : i == 6 ? "TR" : "MK", ["CountryOfExploitation"] = "MK", ["region"] = "Skopje",
        }).ToList();
        var result = RecordExport.Anonymise(rows, 5, 0.0, "MK");
        // Three Syrians, three Ukrainians and a Turk become seven "Other"; nothing else needs to change.
        var step = Assert.Single(result.Report.Generalisations);
        Assert.Equal("citizenship", step.Column);
        Assert.Equal(7, step.ValuesChanged);
        Assert.Equal(30, result.Rows.Count);
        Assert.Equal(7, result.Rows.Count(r => r["citizenship"] == "Other"));
        Assert.All(result.Rows, r => Assert.Equal("Skopje", r["region"]));
    }
}
