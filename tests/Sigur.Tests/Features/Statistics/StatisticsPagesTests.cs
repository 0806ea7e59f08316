using System.Net;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>The statistics page shows the table and a server-drawn SVG chart to analysts; the counting rules page too.</summary>
public sealed class StatisticsPagesTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task An_analyst_sees_the_table_and_the_chart_and_a_case_worker_does_not(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        await data.ManyAsync(6, new DateOnly(2025, 2, 1), Sex.Female);
        var analyst = await app.ClientAsync(Role.Analyst, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);

        foreach (var chart in new[] { "Bar", "Stacked", "Line" })
        {
            var page = await analyst.GetAsync($"/Statistics/Table?rows=sex&cols=year&filter={data.RegionFilter}&chart={chart}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("<svg", html);
            Assert.Contains("id=\"statistics-table\"", html);
            Assert.Contains(">6<", html);
        }
        var bad = await (await analyst.GetAsync("/Statistics/Table?rows=shoesize")).Content.ReadAsStringAsync();
        Assert.Contains("role=\"alert\"", bad);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/Statistics/HowWeCount")).StatusCode);

        var worker = await app.ClientAsync(Role.CaseWorker, data.Organisation.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/Statistics/Table?rows=sex")).StatusCode);
    }
}
