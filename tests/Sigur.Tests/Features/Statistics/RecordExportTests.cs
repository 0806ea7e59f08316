using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using CsCheck;
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
        var result = await app.WithDbAsync(db => RecordExport.BuildAsync(db, app.Services.GetRequiredService<StatisticsSettings>(), k, default));
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
        // Every record shares the one region, which therefore distinguishes nobody and is kept.
        Assert.All(result.Rows, r => Assert.Equal(data.Region, r[CtdcLayout.RegionColumn]));
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
        // Three Syrians, three Ukrainians and a Turk: by world region still fewer than five each, so together "Foreign"; nothing else changes.
        var step = Assert.Single(result.Report.Generalisations);
        Assert.Equal("citizenship", step.Column);
        Assert.Equal("national or foreign", step.Description);
        Assert.Equal(7, step.ValuesChanged);
        Assert.Equal(30, result.Rows.Count);
        Assert.Equal(7, result.Rows.Count(r => r["citizenship"] == "Foreign"));
        Assert.All(result.Rows, r => Assert.Equal("Skopje", r["region"]));
        // Seven records lose 2 of 3 steps in one column of seven: (7 × 2/3) ÷ (30 × 7).
        Assert.Equal(7 * 2 / 3.0 / (30 * 7), result.Report.InformationLoss, 12);
    }

    [Fact]
    public void Leaving_out_a_few_records_beats_generalising_everyone_when_the_limit_allows()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new Dictionary<string, string>(RecordExport.QuasiIdentifiers.ToDictionary(q => q, _ => ""))
        {
            ["yearOfRegistration"] = "2025", ["gender"] = "Female", ["ageBroad"] = "18--20", ["majorityStatus"] = "Adult",
            ["citizenship"] = i == 0 ? "SY" : "MK", ["CountryOfExploitation"] = "MK", ["region"] = "Skopje",
        }).ToList();
        var none = RecordExport.Anonymise([.. rows.Select(r => new Dictionary<string, string>(r))], 5, 0.0, "MK");
        Assert.Equal(40, none.Rows.Count);
        Assert.Equal("removed", Assert.Single(none.Report.Generalisations).Description);

        var some = RecordExport.Anonymise(rows, 5, 0.05, "MK");
        Assert.Equal(39, some.Rows.Count);
        Assert.Equal(1, some.Report.Suppressed);
        Assert.Empty(some.Report.Generalisations);
        Assert.DoesNotContain(some.Rows, r => r["citizenship"] == "SY");
    }

    [Theory, BothProviders]
    public async Task On_the_demo_data_at_k_11_well_over_half_the_victims_are_exported(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        await Sigur.Features.Admin.DemoData.SeedAsync(app.Services, 500, null, TestContext.Current.CancellationToken);
        var result = await app.WithDbAsync(db => RecordExport.BuildAsync(db, app.Services.GetRequiredService<StatisticsSettings>(), 11, default));
        Assert.True(result.Report.Records > 200, $"{result.Report.Records} victims");
        Assert.True(result.Report.Exported > 0.75 * result.Report.Records, result.Report.ToString());
        Assert.True(result.Report.Suppressed <= 0.05 * result.Report.Records);
        Assert.All(result.Rows.GroupBy(r => string.Join('|', RecordExport.QuasiIdentifiers.Select(q => r[q]))), g => Assert.True(g.Count() >= 11));
    }

    private static readonly string[][] Domains =
    [
        ["2018", "2019", "2020", "2021", "2022", "2023", ""],
        ["Female", "Male", "Transgender/NonConforming", ""],
        ["0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+", ""],
        ["Minor", "Adult", ""],
        ["MK", "AL", "RS", "UA", "DE", "SY", "TR", ""],
        ["MK", "DE", "GR", "RU", "AF", ""],
        ["Skopje", "Ohrid", "Bitola", ""],
    ];

    /// <summary>Rows drawn from small domains, skewed towards the first values as real data are; with k and the suppression limit.</summary>
    private static readonly Gen<(List<Dictionary<string, string>> Rows, int K, double Limit)> Data =
        Gen.Select(
            Gen.Int[0, 1000].Array[2 * 7]
                .Select(draws => RecordExport.QuasiIdentifiers.Select((q, i) => (q, v: Domains[i][Math.Min(draws[2 * i], draws[2 * i + 1]) * Domains[i].Length / 1001]))
                    .ToDictionary(p => p.q, p => p.v))
                .List[0, 160],
            Gen.Int[2, 12], Gen.Double[0, 0.2]);

    [Fact]
    public void Every_exported_class_has_at_least_k_records_and_no_more_are_left_out_than_allowed()
    {
        Data.Sample(d =>
        {
            var result = RecordExport.Anonymise([.. d.Rows.Select(r => new Dictionary<string, string>(r))], d.K, d.Limit, "MK");
            Assert.All(result.Rows.GroupBy(r => string.Join('|', RecordExport.QuasiIdentifiers.Select(q => r[q]))), g => Assert.True(g.Count() >= d.K));
            Assert.Equal(d.Rows.Count, result.Report.Exported + result.Report.Suppressed);
            if (d.Rows.Count >= d.K) Assert.True(result.Report.Suppressed <= Math.Floor(d.Limit * d.Rows.Count));
            else Assert.Empty(result.Rows); // fewer than k records in all: nothing can be published
        }, iter: 150);
    }

    [Fact]
    public void The_pruned_search_finds_the_least_loss_that_counting_every_node_finds()
    {
        var hierarchies = RecordExport.Hierarchies("MK");
        var nodes = hierarchies.Aggregate(new List<int[]> { Array.Empty<int>() },
            (acc, h) => [.. acc.SelectMany(n => Enumerable.Range(0, h.Levels).Select(l => (int[])[.. n, l]))]);
        Data.Where(d => d.Rows.Count >= d.K).Sample(d =>
        {
            var result = RecordExport.Anonymise([.. d.Rows.Select(r => new Dictionary<string, string>(r))], d.K, d.Limit, "MK");
            var limit = (int)Math.Floor(d.Limit * d.Rows.Count);
            var best = nodes.Select(n => NaiveLoss(hierarchies, d.Rows, n, d.K)).Where(e => e.Suppressed <= limit).Min(e => e.Loss);
            Assert.Equal(best, result.Report.InformationLoss, 9);
        }, iter: 12);
    }

    /// <summary>The Loss metric counted the plain way, over strings: generalise every row, group, suppress the small classes.</summary>
    private static (int Suppressed, double Loss) NaiveLoss(IReadOnlyList<Hierarchy> hierarchies, List<Dictionary<string, string>> rows, int[] levels, int k)
    {
        string Label(int q, string v) => levels[q] == hierarchies[q].Levels - 1 ? "\u0001removed" : hierarchies[q].Generalise(v, levels[q]);
        var domains = hierarchies.Select(h => rows.Select(r => r[h.Column]).Distinct().ToList()).ToList();
        double ValueLoss(int q, string v)
        {
            if (levels[q] == hierarchies[q].Levels - 1) return 1;
            if (domains[q].Count <= 1) return 0;
            var label = Label(q, v);
            return (domains[q].Count(x => Label(q, x) == label) - 1) / (double)(domains[q].Count - 1);
        }
        var total = 0.0;
        var suppressed = 0;
        foreach (var g in rows.GroupBy(r => string.Join('|', hierarchies.Select((h, q) => Label(q, r[h.Column])))))
        {
            var n = g.Count();
            if (n < k) { suppressed += n; total += n * hierarchies.Count; }
            else total += n * hierarchies.Select((h, q) => ValueLoss(q, g.First()[h.Column])).Sum();
        }
        return (suppressed, total / (rows.Count * hierarchies.Count));
    }
}
