using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>
/// Tables asked for one request at a time cannot be differenced: "victims by sex and year" minus "identified victims by
/// sex and year" must not give away the withheld "presumed" cells of a third request.
/// </summary>
public sealed class FreeTablesTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task Differencing_two_requests_with_overlapping_filters_recovers_no_withheld_cell(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var y2025 = new DateOnly(2025, 4, 1);
        var y2024 = new DateOnly(2024, 4, 1);
        await data.ManyAsync(12, y2025, Sex.Female, IdentificationStatus.Identified);
        await data.ManyAsync(2, y2025, Sex.Female, IdentificationStatus.Presumed);
        await data.ManyAsync(15, y2025, Sex.Male, IdentificationStatus.Identified);
        await data.ManyAsync(9, y2025, Sex.Male, IdentificationStatus.Presumed);
        await data.ManyAsync(10, y2024, Sex.Female, IdentificationStatus.Identified);
        await data.ManyAsync(8, y2024, Sex.Male, IdentificationStatus.Identified);
        await data.ManyAsync(6, y2024, Sex.Male, IdentificationStatus.Presumed);

        // The attacker's requests: everyone, then each status on its own, each a separate request.
        var all = Spec(data);
        var byStatus = Enum.GetNames<IdentificationStatus>().Select(s => Spec(data, $"status={s}")).ToList();
        TableSpec[] requests = [all, .. byStatus];
        var target = KeyOf(await TrueAsync(app, byStatus[(int)IdentificationStatus.Presumed]), "Female", "2025");

        // Protected one request at a time (the old way), subtraction gives the 2 presumed women of 2025 away.
        var separately = new List<CountedTable>();
        foreach (var spec in requests)
        {
            var t = await TrueAsync(app, spec);
            Suppression.Apply([t], 5);
            separately.Add(t);
        }
        Assert.True(separately[1 + (int)IdentificationStatus.Presumed].Hidden[0, 1], "the small cell itself is withheld");
        Assert.Contains(target, SuppressionTests.Recoverable(separately, Sums(separately)));

        // Cut from the lattice: the same requests recover nothing, and every shown figure is the true count.
        var protectedTables = new List<CountedTable>();
        foreach (var spec in requests)
        {
            var published = await app.WithDbAsync(db => FreeTables.PublishAsync(app.Services.GetRequiredService<FactSnapshot>(), db, app.Services.GetRequiredService<StatisticsSettings>(), spec, false, default));
            var t = await TrueAsync(app, spec);
            Assert.Equal(t.Rows, published.RowCategories);
            Assert.Equal(t.Columns, published.ColumnCategories);
            for (var i = 0; i <= t.RowCount; i++)
                for (var j = 0; j <= t.ColumnCount; j++)
                {
                    t.Hidden[i, j] = published.Cells[i][j] is null;
                    if (published.Cells[i][j] is { } shown) Assert.Equal(t.Values[i, j], shown);
                }
            protectedTables.Add(t);
        }
        Assert.Null((await PublishedAsync(app, byStatus[(int)IdentificationStatus.Presumed])).Cell("Female", "2025"));
        Assert.Empty(SuppressionTests.Recoverable(protectedTables, Sums(protectedTables)));
        // A request repeated, or asked with the rows and columns of another, shows the same cells the same way.
        Assert.Equal((await PublishedAsync(app, all)).Cells, (await PublishedAsync(app, all)).Cells);
    }

    [Theory, BothProviders]
    public async Task The_api_refuses_sums_of_categories_and_more_than_four_dimensions_naming_the_filter(TestApp app)
    {
        var analyst = await app.ClientAsync(Sigur.Platform.Role.Analyst, (await app.NewOrganisationAsync(Sigur.Platform.OrganisationType.NationalCoordinatorOffice)).Id);
        foreach (var query in new[]
                 {
                     "rows=sex&filter=status=Identified,Presumed",
                     "rows=sex&cols=year&filter=status=Identified&filter=region=East&filter=channel=Police",
                     "rows=sex&filter=sex=Female",
                 })
        {
            var response = await analyst.GetAsync($"/api/v1/statistics/table?{query}");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"filter\"", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(System.Net.HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/statistics/table?rows=sex&cols=year&filter=status=Identified&filter=region=East")).StatusCode);
    }

    [Fact]
    public void A_table_whose_dimensions_make_too_many_cells_is_refused_before_counting()
    {
        // 2,100 countries of citizenship by 2,100 countries of exploitation: 4.4 million cells.
        var facts = Enumerable.Range(0, 2100).Select(i => new VictimFact(Guid.NewGuid(), 2025, Sex.Female, 30, false, [$"C{i}"], IdentificationStatus.Identified,
            IntakeChannel.Police, "East", ["SexualExploitation"], [$"E{i}"], Trafficking.CrossBorder)).ToList();
        var error = Assert.Throws<FreeTables.TooLarge>(() => FreeTables.Publish(facts, new TableSpec("citizenship", "exploitationcountry", []), new StatisticsContext("MK"), 5));
        Assert.Contains("citizenship (2100)", error.Message);
        // Fewer categories: counted.
        Assert.Equal(100, FreeTables.Publish(facts.Take(100).ToList(), new TableSpec("citizenship", "exploitationcountry", []), new StatisticsContext("MK"), 5).Cells[^1][^1]);
    }

    private static TableSpec Spec(StatisticsData data, params string[] filters) =>
        new("sex", "year", [.. filters.Append(data.RegionFilter).Select(f => Filter.Parse(f, out _)!)]);

    private static Task<CountedTable> TrueAsync(TestApp app, TableSpec spec) =>
        app.WithDbAsync(async db => (await CrossTab.CountAsync(db, app.Services.GetRequiredService<StatisticsSettings>(), [spec], default))[0]);

    private static Task<PublishedTable> PublishedAsync(TestApp app, TableSpec spec) =>
        app.WithDbAsync(db => FreeTables.PublishAsync(app.Services.GetRequiredService<FactSnapshot>(), db, app.Services.GetRequiredService<StatisticsSettings>(), spec, false, default));

    private static string KeyOf(CountedTable t, string row, string col) =>
        t.Keys[t.Rows.ToList().IndexOf(row), t.Columns.ToList().IndexOf(col)];

    /// <summary>What the attacker knows besides each table's lines: the status tables add up to the table of everyone, cell by cell.</summary>
    private static IEnumerable<(string, IReadOnlyList<string>)> Sums(IReadOnlyList<CountedTable> tables)
    {
        var all = tables[0];
        for (var i = 0; i <= all.RowCount; i++)
            for (var j = 0; j <= all.ColumnCount; j++)
            {
                var row = i < all.RowCount ? all.Rows[i] : null;
                var col = j < all.ColumnCount ? all.Columns[j] : null;
                var parts = new List<string>();
                foreach (var t in tables.Skip(1))
                {
                    var ti = row is null ? t.RowCount : t.Rows.ToList().IndexOf(row);
                    var tj = col is null ? t.ColumnCount : t.Columns.ToList().IndexOf(col);
                    if (ti >= 0 && tj >= 0) parts.Add(t.Keys[ti, tj]);
                }
                yield return (all.Keys[i, j], parts);
            }
    }
}
