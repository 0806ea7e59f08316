using Sigur.Host;
using System.Net;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Identification;

/// <summary>Indicator checklists as versioned data, screenings that record and summarise but never decide.</summary>
public sealed class ScreeningTests : IClassFixture<ClockedApps>
{
    [Theory, BothProviders]
    public async Task A_screening_records_the_indicators_and_shows_a_summary_without_deciding(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync();
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(host.Today));

        var checklists = await (await worker.GetAsync("/api/v1/identification/checklists?audience=Adult&form=SexualExploitation")).ReadAsync<List<ManageChecklists.Summary>>();
        Assert.Contains(checklists, c => c.Id == "adult-general");
        Assert.Contains(checklists, c => c.Id == "adult-sexual");
        Assert.DoesNotContain(checklists, c => c.Id == "adult-labour" || c.Audience == ChecklistAudience.Child);

        var response = await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/screenings",
            new RecordScreening.Request("adult-general", ["AG-DR1", "AG-EC1", "AG-CD1", "AG-CD4"], host.Today, Screener: "M. Stojanova, social worker", Notes: "Interview in Albanian with an interpreter."));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var recorded = await response.ReadAsync<RecordScreening.Response>();
        Assert.Equal(4, recorded.Summary.Observed);
        var coercion = recorded.Summary.Dimensions.Single(d => d.Dimension == IndicatorDimension.CoercionAtDestination);
        Assert.Equal((1, 1, 0), (coercion.Strong, coercion.Medium, coercion.Weak));
        Assert.True(recorded.Summary.RecruitmentIndicators && recorded.Summary.ExploitationIndicators && recorded.Summary.CoercionIndicators);
        Assert.Equal(ScreeningSummary.NotADecision, recorded.Summary.Note);

        var identification = await worker.IdentificationAsync(created.Id);
        Assert.Equal(IdentificationStatus.Potential, identification.Status); // the screening decided nothing
        var screening = Assert.Single(identification.Screenings);
        Assert.Equal("M. Stojanova, social worker", screening.Screener);
        Assert.Equal(["AG-DR1", "AG-EC1", "AG-CD1", "AG-CD4"], screening.Observed);

        var unknown = await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/screenings", new RecordScreening.Request("adult-general", ["NOPE"], host.Today));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var noChecklist = await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/screenings", new RecordScreening.Request("no-such-list", [], host.Today));
        Assert.Equal(HttpStatusCode.BadRequest, noChecklist.StatusCode);
    }

    [Theory, BothProviders]
    public async Task An_administrator_publishes_a_new_version_and_old_screenings_keep_theirs(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync();
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var (_, admin) = await host.UserAsync(Role.Administrator, org.Id);
        var id = $"test-{Guid.NewGuid():N}"[..20];
        var v1 = new IndicatorChecklist(id, 1, ChecklistAudience.Child, ["ForcedBegging"], new Dictionary<string, string> { ["en"] = "Children: begging", ["mk"] = "Деца: питачење" },
            "test", [new Indicator("B1", IndicatorDimension.ExploitativeConditions, IndicatorStrength.Strong, new Dictionary<string, string> { ["en"] = "Begs for an adult" })]);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PutJsonAsync($"/api/v1/identification/checklists/{id}", v1)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/identification/checklists/{id}", v1)).StatusCode);

        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(host.Today));
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/screenings", new RecordScreening.Request(id, ["B1"], host.Today))).StatusCode);

        var v2 = v1 with
        {
            Version = 2,
            Indicators = [.. v1.Indicators, new Indicator("B2", IndicatorDimension.CoercionAtDestination, IndicatorStrength.Medium, new Dictionary<string, string> { ["en"] = "Punished for earning too little" })],
        };
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutJsonAsync($"/api/v1/identification/checklists/{id}", v2 with { Version = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutJsonAsync($"/api/v1/identification/checklists/{id}", v2)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutJsonAsync($"/api/v1/identification/checklists/{id}", v2)).StatusCode);

        var current = await (await worker.GetAsync($"/api/v1/identification/checklists/{id}")).ReadAsync<IndicatorChecklist>();
        Assert.Equal(2, current.Version);
        Assert.Equal(2, current.Indicators.Count);
        Assert.Single((await (await worker.GetAsync($"/api/v1/identification/checklists/{id}?version=1")).ReadAsync<IndicatorChecklist>()).Indicators);

        var old = Assert.Single((await worker.IdentificationAsync(created.Id)).Screenings);
        Assert.Equal(1, old.ChecklistVersion);
        Assert.Equal(1, old.Summary.OfIndicators);

        var invalid = v2 with { Version = 3, Indicators = [] };
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutJsonAsync($"/api/v1/identification/checklists/{id}", invalid)).StatusCode);
    }

    [Fact]
    public void The_shipped_checklists_carry_every_language_and_the_ilo_dimensions()
    {
        var shipped = ChecklistLibrary.Shipped;
        Assert.Contains("adult-general", shipped.Keys);
        Assert.Contains("child-general", shipped.Keys);
        foreach (var checklist in shipped.Values)
        {
            Assert.Empty(ChecklistLibrary.Validate(checklist));
            foreach (var culture in SigurHost.Cultures)
            {
                Assert.True(checklist.Title.ContainsKey(culture), $"{checklist.Id} has no title in {culture}");
                Assert.All(checklist.Indicators, i => Assert.True(i.Text.ContainsKey(culture), $"{checklist.Id}/{i.Code} has no text in {culture}"));
            }
        }
        Assert.Equal(Enum.GetValues<IndicatorDimension>().Length, shipped["adult-general"].Indicators.Select(i => i.Dimension).Distinct().Count());
    }
}
