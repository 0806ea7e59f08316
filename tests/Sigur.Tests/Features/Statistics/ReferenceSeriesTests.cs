using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>
/// The UNODC GLOTIP file loads, "&lt;5" stays withheld with its source, and a published figure is shown beside the
/// national count. On hosts of this class's own: the comparison counts the whole country, not a test's region.
/// </summary>
public sealed class ReferenceSeriesTests : IClassFixture<AppPool>
{
    private static readonly string Glotip = Path.Combine(AppContext.BaseDirectory, "Features", "Statistics", "Data", "glotip_western_balkans.csv");

    [Theory, BothProviders]
    public async Task The_published_file_imports_once_keeps_withheld_figures_withheld_and_sits_beside_the_national_count(TestApp app)
    {
        var now = DateTime.UtcNow;

        var dry = await app.WithDbAsync(db => ImportReference.RunAsync(db, Glotip, dryRun: true, now, default));
        Assert.True(dry.Succeeded, dry.ToString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ReferenceFigure>().CountAsync()));

        var first = await app.WithDbAsync(db => ImportReference.RunAsync(db, Glotip, dryRun: false, now, default));
        Assert.True(first.Succeeded, first.ToString());
        Assert.Equal(1584, first.Rows);
        Assert.Equal(first.Rows, first.Added);
        // Every "<5" of the file is stored withheld; several figures share the label "other forms of exploitation".
        Assert.Equal(777, first.Suppressed);
        Assert.True(first.SharedLabels > 0);
        Assert.Equal(first.Suppressed, await app.WithDbAsync(db => db.Set<ReferenceFigure>().CountAsync(f => f.Value == null && f.SuppressedBelow == 5)));
        var again = await app.WithDbAsync(db => ImportReference.RunAsync(db, Glotip, dryRun: false, now, default));
        Assert.Equal((0, 0, first.Added), (again.Added, again.Updated, again.Unchanged));

        var stored = await app.WithDbAsync(db => db.Set<ReferenceFigure>().AsNoTracking()
            .Where(f => f.CountryCode == "MKD" && f.Year == 2020 && f.Indicator == "Detected trafficking victims" && f.Dimension == "Total").ToListAsync());
        var girls = Assert.Single(stored, f => f.Sex == "Female" && f.Age == "0 to 17 years");
        Assert.Equal((6, (int?)null, "GLOTIP"), (girls.Value!.Value, girls.SuppressedBelow, girls.Source));
        var women = Assert.Single(stored, f => f.Sex == "Female" && f.Age == "18 years or over");
        Assert.Null(women.Value);
        Assert.Equal(5, women.SuppressedBelow);
        Assert.Equal("glotip_western_balkans.csv", women.File);

        // The national data for North Macedonia in 2020: 11 identified victims, 6 girls exploited sexually and 5 men in forced labour.
        var org = await app.NewOrganisationAsync();
        var data = new StatisticsData(app, org);
        await data.ManyAsync(6, new DateOnly(2020, 5, 1), Sex.Female, dateOfBirth: "2006-01-01", forms: ["SexualExploitation"]);
        await data.ManyAsync(5, new DateOnly(2020, 6, 1), Sex.Male, dateOfBirth: "1990-01-01", forms: ["ForcedLabour"]);

        var analyst = await app.ClientAsync(Role.Analyst, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);
        var comparison = await (await analyst.GetAsync("/api/v1/statistics/reference?year=2020")).ReadAsync<ReferenceComparison.Response>();
        Assert.Equal("MKD", comparison.Country);
        ReferenceComparison.Row Find(string indicator, string dimension, string category, string sex, string age) =>
            Assert.Single(comparison.Rows, r => (r.Indicator, r.Dimension, r.Category, r.Sex, r.Age) == (indicator, dimension, category, sex, age));

        var total = Find("Detected trafficking victims", "Total", "Total", "Total", "Total");
        Assert.Equal((7, 11, 4, "differs", "GLOTIP"), (total.Reference!.Value, total.National!.Value, total.Difference!.Value, total.Verdict, total.Source));
        var girlsRow = Find("Detected trafficking victims", "Total", "Total", "Female", "0 to 17 years");
        Assert.Equal((6, 6, 0, "same"), (girlsRow.Reference!.Value, girlsRow.National!.Value, girlsRow.Difference!.Value, girlsRow.Verdict));
        var sexual = Find("Detected trafficking victims", "by form of exploitation", "Sexual exploitation", "Total", "Total");
        Assert.Equal((5, 6), (sexual.Reference!.Value, sexual.National!.Value));
        // "<5" published and 5 men nationally: no difference is made up, but the figures cannot agree.
        var men = Find("Detected trafficking victims", "Total", "Total", "Male", "18 years or over");
        Assert.Equal((null, 5, 5, (int?)null, "differs"), (men.Reference, men.ReferenceBelow, men.National, men.Difference, men.Verdict));
        var convicted = Find("Persons convicted", "Total", "Total", "Total", "Total");
        Assert.Equal((9, 0, -9), (convicted.Reference!.Value, convicted.National!.Value, convicted.Difference!.Value));
        // Repatriation and countries named in the series' own words have no national counterpart.
        Assert.False(Find("Offences of trafficking in persons", "Total", "Total", "Total", "Total").Comparable);

        var page = await analyst.GetAsync("/Statistics/Reference?year=2020");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("reference-table", html);
        Assert.Contains("&lt;5", html);
        Assert.Equal(HttpStatusCode.BadRequest, (await analyst.GetAsync("/api/v1/statistics/reference")).StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_file_with_one_bad_row_in_the_middle_writes_nothing_and_names_the_row_and_column(TestApp app)
    {
        var lines = (await File.ReadAllLinesAsync(Glotip)).Take(41).ToList();
        var fields = lines[20].Split(',');
        fields[11] = "about 40";
        lines[20] = string.Join(',', fields);
        var bad = Path.Combine(Path.GetTempPath(), $"glotip-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(bad, lines);
        try
        {
            var before = await app.WithDbAsync(db => db.Set<ReferenceFigure>().CountAsync());
            var result = await app.WithDbAsync(db => ImportReference.RunAsync(db, bad, dryRun: false, DateTime.UtcNow, default));
            var error = Assert.Single(result.Errors);
            Assert.Equal((21, "txtVALUE"), (error.Row, error.Column));
            Assert.Contains("Nothing was written", result.ToString());
            Assert.Equal(before, await app.WithDbAsync(db => db.Set<ReferenceFigure>().CountAsync()));
        }
        finally { File.Delete(bad); }
    }
}
