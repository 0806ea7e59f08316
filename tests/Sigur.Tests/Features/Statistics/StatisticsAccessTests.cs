using System.Net;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>The national coordinator's office sees de-identified aggregates, never records; small cells are withheld.</summary>
public sealed class StatisticsAccessTests
{
    [Theory, BothProviders]
    public async Task The_coordinator_sees_counts_with_small_cells_suppressed_and_no_records(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        // The status changes only by decisions (Features/Identification).
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        async Task Decide(Guid caseId, Sigur.Features.Cases.IdentificationStatus to) =>
            Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{caseId}/identification/decisions",
                new Sigur.Features.Identification.DecideIdentification.Request(to, today, Sigur.Features.Identification.DecidingBodyType.Ngo, "Indicators and interview."))).StatusCode);
        for (var i = 0; i < 6; i++) await Decide((await worker.RegisterAsync(CaseRequests.New(narrative: "n"))).Id, Sigur.Features.Cases.IdentificationStatus.Presumed);
        for (var i = 0; i < 2; i++)
        {
            var id = (await worker.RegisterAsync()).Id;
            await Decide(id, Sigur.Features.Cases.IdentificationStatus.Presumed);
            await Decide(id, Sigur.Features.Cases.IdentificationStatus.Identified);
        }

        var coordinator = await app.ClientAsync(Role.NationalCoordinator, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);
        var totals = await (await coordinator.GetAsync("/api/v1/statistics/case-totals")).ReadAsync<CaseTotals.Response>();
        var year = DateTime.UtcNow.Year;
        Assert.Equal(6, totals.Cells.Single(c => c.Year == year && c.Status == Sigur.Features.Cases.IdentificationStatus.Presumed).Cases);
        Assert.Null(totals.Cells.Single(c => c.Year == year && c.Status == Sigur.Features.Cases.IdentificationStatus.Identified).Cases);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/v1/cases")).StatusCode);
    }
}
