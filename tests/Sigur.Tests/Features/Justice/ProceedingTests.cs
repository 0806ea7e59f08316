using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Justice;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Justice;

public sealed class ProceedingTests : IClassFixture<AppPool>
{
    private static readonly DateOnly Day = new(2025, 3, 1);

    private sealed record Setup(TestApp App, Organisation Org, HttpClient Police, RegisterCase.Response Case, Guid Suspect, Guid Proceeding);

    private static async Task<Setup> OpenAsync(TestApp app, Organisation? org = null)
    {
        org ??= await app.NewOrganisationAsync(OrganisationType.Police);
        var police = await app.ClientAsync(Role.PoliceInvestigator, org.Id);
        var c = await police.RegisterAsync();
        var suspect = await (await police.PostJsonAsync("/api/v1/suspects", new SuspectInput("Dragan", "Marković", ["Gaga"], "1975", Sex.Male, ["RS"], "Owns the bar in Niš."))).ReadAsync<RegisterSuspect.Response>();
        Assert.Equal(HttpStatusCode.OK, (await police.PostJsonAsync($"/api/v1/cases/{c.Id}/suspects",
            new LinkSuspect.Request(suspect.Id, ["RecruiterOrIntermediary", "Exploiter"], RelationToVictim.Acquainted))).StatusCode);
        var opened = await police.PostJsonAsync($"/api/v1/cases/{c.Id}/proceedings", new OpenProceeding.Request("RS", ProceedingStage.PoliceInvestigation, Day, "KU-123/25"));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var p = await opened.ReadAsync<OpenProceeding.Response>();
        return new Setup(app, org, police, c, suspect.Id, p.Id);
    }

    private static async Task<GetProceeding.ProceedingDetail> Detail(HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/proceedings/{id}")).ReadAsync<GetProceeding.ProceedingDetail>();

    private static async Task<long> Ver(HttpClient client, Guid id) => (await Detail(client, id)).Version;

    private static async Task<HttpResponseMessage> Move(HttpClient client, Guid id, ProceedingStage stage, DateOnly date, string? reference = null)
    {
        var version = (await Detail(client, id)).Version;
        return await client.PostJsonAsync($"/api/v1/proceedings/{id}/stage", new MoveProceeding.Request(version, stage, date, reference));
    }

    [Theory, BothProviders]
    public async Task Stages_move_forward_and_illegal_moves_are_refused_with_409(TestApp app)
    {
        var s = await OpenAsync(app);
        var id = s.Proceeding;

        // Straight to a verdict from the police: refused, and the reason says where it can go.
        var skip = await Move(s.Police, id, ProceedingStage.FirstInstanceVerdict, Day.AddDays(10));
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        Assert.Contains("CriminalComplaint", await skip.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, id, ProceedingStage.CriminalComplaint, Day.AddDays(20), "KTR-55/25")).StatusCode);
        // A date before the current stage's: refused.
        Assert.Equal(HttpStatusCode.Conflict, (await Move(s.Police, id, ProceedingStage.Prosecution, Day.AddDays(5))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, id, ProceedingStage.Indictment, Day.AddDays(60), "KT-9/25")).StatusCode);
        // Backwards: refused.
        Assert.Equal(HttpStatusCode.Conflict, (await Move(s.Police, id, ProceedingStage.PoliceInvestigation, Day.AddDays(61))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, id, ProceedingStage.FirstInstanceVerdict, Day.AddDays(200), "K-77/25")).StatusCode);
        // No verdict recorded yet: the appeal waits for one.
        Assert.Equal(HttpStatusCode.Conflict, (await Move(s.Police, id, ProceedingStage.Appeal, Day.AddDays(230))).StatusCode);

        // A stale version: 409 even for a legal move.
        var stale = await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/stage", new MoveProceeding.Request(0, ProceedingStage.FinalJudgement, Day.AddDays(300)));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var d = await Detail(s.Police, id);
        Assert.Equal(ProceedingStage.FirstInstanceVerdict, d.Stage);
        Assert.Equal([ProceedingStage.PoliceInvestigation, ProceedingStage.CriminalComplaint, ProceedingStage.Indictment, ProceedingStage.FirstInstanceVerdict],
            d.Stages.Select(x => x.Stage));
        Assert.Equal(("KU-123/25", "KT-9/25", "K-77/25"), (d.PoliceReference, d.ProsecutorReference, d.CourtReference));
        Assert.Equal([ProceedingStage.Appeal, ProceedingStage.FinalJudgement], d.NextStages);

        // Discontinued proceedings are closed.
        var other = await s.Police.PostJsonAsync($"/api/v1/cases/{s.Case.Id}/proceedings", new OpenProceeding.Request("RS", ProceedingStage.Prosecution, Day));
        var otherId = (await other.ReadAsync<OpenProceeding.Response>()).Id;
        Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, otherId, ProceedingStage.Discontinued, Day.AddDays(3))).StatusCode);
        var closed = await Move(s.Police, otherId, ProceedingStage.Indictment, Day.AddDays(4));
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Equal("application/problem+json", closed.Content.Headers.ContentType?.MediaType);
        // Cannot open at a verdict.
        Assert.Equal(HttpStatusCode.BadRequest, (await s.Police.PostJsonAsync($"/api/v1/cases/{s.Case.Id}/proceedings",
            new OpenProceeding.Request("RS", ProceedingStage.FinalJudgement, Day))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Charges_keep_their_changes_of_qualification_and_verdicts_wait_for_a_court_stage(TestApp app)
    {
        var s = await OpenAsync(app);
        var id = s.Proceeding;
        var first = await (await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/charges",
            new ChargeDefendant.Request(await Ver(s.Police, id), s.Suspect, "350", "2", Day, Reason: "Police: smuggling"))).ReadAsync<ChargeDefendant.Response>();
        var requalified = await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/charges",
            new ChargeDefendant.Request(await Ver(s.Police, id), s.Suspect, "388", "1", Day.AddDays(30), Reason: "Exploitation found on arrival", Replaces: first.Id));
        Assert.Equal(HttpStatusCode.Created, requalified.StatusCode);
        // Replacing the replaced charge again is refused; an article not in the catalogue is a bad request.
        Assert.Equal(HttpStatusCode.Conflict, (await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/charges",
            new ChargeDefendant.Request(await Ver(s.Police, id), s.Suspect, "388", "3", Day.AddDays(31), Replaces: first.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/charges",
            new ChargeDefendant.Request(await Ver(s.Police, id), s.Suspect, "388", "7", Day.AddDays(31)))).StatusCode);

        var d = await Detail(s.Police, id);
        Assert.Equal([("350", false), ("388", true)], d.Charges.Select(c => (c.Article, c.Current)));
        Assert.Equal("Dragan Marković", d.Charges[0].Defendant);
        Assert.Equal("2006", d.Charges[1].Edition);

        // A verdict during the investigation: refused.
        Assert.Equal(HttpStatusCode.Conflict, (await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/outcomes",
            new RecordOutcome.Request(await Ver(s.Police, id), s.Suspect, Verdict.Convicted, Day.AddDays(40), SentenceMonths: 36))).StatusCode);

        var edit = await s.Police.PutJsonAsync($"/api/v1/proceedings/{id}", new EditProceeding.Request(d.Version, "KU-123/25", "KT-9/25", null,
            VictimRole.ProtectedWitness, ["Anonymity", "TestimonyByVideoLink"], NonPunishment.Applied, "Not prosecuted for the forged passport.",
            "Van used for the transport", 1_250_000_00, "RSD"));
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await s.Police.PutJsonAsync($"/api/v1/proceedings/{id}", new EditProceeding.Request(d.Version))).StatusCode);
        var claim = await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/claims", new RecordCompensation.Request(await Ver(s.Police, id), "RSD", 500_000_00, Day.AddDays(50), s.Suspect));
        Assert.Equal(HttpStatusCode.Created, claim.StatusCode);
        var claimId = (await claim.ReadAsync<RecordCompensation.Response>()).Id;
        Assert.Equal(HttpStatusCode.BadRequest, (await s.Police.PutJsonAsync($"/api/v1/proceedings/{id}/claims/{claimId}", new RecordCompensation.Update(await Ver(s.Police, id), 100_00, 200_00))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await s.Police.PutJsonAsync($"/api/v1/proceedings/{id}/claims/{claimId}", new RecordCompensation.Update(await Ver(s.Police, id), 300_000_00, 50_000_00))).StatusCode);

        d = await Detail(s.Police, id);
        Assert.Equal((VictimRole.ProtectedWitness, NonPunishment.Applied, 1_250_000_00L, "RSD"), (d.VictimRole, d.NonPunishment, d.ConfiscatedMinor!.Value, d.ConfiscatedCurrency!));
        Assert.Equal((500_000_00L, 300_000_00L, 50_000_00L), (d.Claims[0].ClaimedMinor, d.Claims[0].AwardedMinor!.Value, d.Claims[0].PaidMinor));
    }

    /// <summary>Two users working from the same page: whatever they add, one is written and the other answers 409 with nothing written.</summary>
    [Theory, BothProviders]
    public async Task Charges_verdicts_and_claims_sent_from_the_same_version_are_written_once(TestApp app)
    {
        var s = await OpenAsync(app);
        var id = s.Proceeding;
        var prosecutor = await s.App.ClientAsync(Role.Prosecutor, s.Org.Id);

        async Task<HttpStatusCode[]> FromOneVersion(Func<HttpClient, long, int, Task<HttpResponseMessage>> send)
        {
            var version = await Ver(s.Police, id);
            var answers = await Task.WhenAll(send(s.Police, version, 0), send(prosecutor, version, 1));
            var refused = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(version + 1, await Ver(s.Police, id));
            return [.. answers.Select(a => a.StatusCode).Order()];
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], await FromOneVersion((c, v, i) => c.PostJsonAsync($"/api/v1/proceedings/{id}/charges",
            new ChargeDefendant.Request(v, s.Suspect, "388", i == 0 ? "1" : "3", Day))));
        Assert.Single((await Detail(s.Police, id)).Charges);

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], await FromOneVersion((c, v, i) => c.PostJsonAsync($"/api/v1/proceedings/{id}/claims",
            new RecordCompensation.Request(v, "RSD", (i + 1) * 100_000_00L, Day.AddDays(i)))));
        var claim = Assert.Single((await Detail(s.Police, id)).Claims);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], await FromOneVersion((c, v, i) => c.PutJsonAsync($"/api/v1/proceedings/{id}/claims/{claim.Id}",
            new RecordCompensation.Update(v, (i + 1) * 10_000_00L, 0))));
        Assert.Contains(Assert.Single((await Detail(s.Police, id)).Claims).AwardedMinor, new long?[] { 10_000_00L, 20_000_00L });

        foreach (var (stage, days) in new[] { (ProceedingStage.CriminalComplaint, 10), (ProceedingStage.Indictment, 40), (ProceedingStage.FirstInstanceVerdict, 200) })
            Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, id, stage, Day.AddDays(days))).StatusCode);
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], await FromOneVersion((c, v, i) => c.PostJsonAsync($"/api/v1/proceedings/{id}/outcomes",
            new RecordOutcome.Request(v, s.Suspect, i == 0 ? Verdict.Convicted : Verdict.Acquitted, Day.AddDays(200 + i), SentenceMonths: i == 0 ? 36 : null))));
        Assert.Single((await Detail(s.Police, id)).Outcomes);

        // A stale version alone is refused too, before anything is looked at.
        Assert.Equal(HttpStatusCode.Conflict, (await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/claims",
            new RecordCompensation.Request(0, "RSD", 1_00, Day))).StatusCode);
        Assert.Single((await Detail(s.Police, id)).Claims);
    }

    [Theory, BothProviders]
    public async Task A_case_worker_sees_that_proceedings_exist_and_the_victims_role_but_not_the_suspects(TestApp app)
    {
        var s = await OpenAsync(app);
        var d = await Detail(s.Police, s.Proceeding);
        await s.Police.PutJsonAsync($"/api/v1/proceedings/{s.Proceeding}", new EditProceeding.Request(d.Version, VictimRole: VictimRole.InjuredParty, ProtectionMeasures: ["SupportPersonPresent"]));

        var worker = await app.ClientAsync(Role.CaseWorker, s.Org.Id);
        var view = await worker.GetAsync($"/api/v1/cases/{s.Case.Id}/proceedings");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        var body = await view.Content.ReadAsStringAsync();
        var proceedings = await view.ReadAsync<List<GetProceeding.VictimView>>();
        var p = Assert.Single(proceedings);
        Assert.Equal((ProceedingStage.PoliceInvestigation, VictimRole.InjuredParty), (p.Stage, p.VictimRole));
        Assert.DoesNotContain("Marković", body);
        Assert.DoesNotContain("KU-123/25", body);

        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/api/v1/suspects/{s.Suspect}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/suspects")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/api/v1/cases/{s.Case.Id}/suspects")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/api/v1/proceedings/{s.Proceeding}")).StatusCode);

        // The prosecutor of another organisation does not see them at all.
        var stranger = await app.ClientAsync(Role.Prosecutor, (await app.NewOrganisationAsync(OrganisationType.Prosecution)).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/suspects/{s.Suspect}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/proceedings/{s.Proceeding}")).StatusCode);

        // The suspect's file, for the police: linked to the case with the role in the process.
        var file = await (await s.Police.GetAsync($"/api/v1/suspects/{s.Suspect}")).ReadAsync<GetSuspect.SuspectDetail>();
        Assert.Equal("Dragan", file.GivenName);
        Assert.Equal(["Gaga"], file.Aliases);
        var link = Assert.Single(file.Cases);
        Assert.Equal((s.Case.Reference, RelationToVictim.Acquainted), (link.CaseReference, link.RelationToVictim));
        Assert.Equal(["RecruiterOrIntermediary", "Exploiter"], link.RolesInProcess);

        // Names and notes are encrypted at rest.
        var stored = await app.WithDbAsync(async db =>
        {
            var conn = db.Database.GetDbConnection();
            await conn.OpenAsync();
            await using var cmd = conn.CreateCommand();
            cmd.CommandText = $"SELECT given_name || family_name || notes FROM suspect WHERE id = '{(app.Provider == Providers.Sqlite ? s.Suspect.ToString().ToUpperInvariant() : s.Suspect.ToString())}'";
            return (string?)await cmd.ExecuteScalarAsync();
        });
        Assert.NotNull(stored);
        Assert.DoesNotContain("Dragan", stored);
        Assert.DoesNotContain("Niš", stored);
    }

    /// <summary>On a host of its own: the figures span every organisation, and small cells must not be suppressed here.</summary>
    [Theory, BothProviders]
    public async Task A_conviction_is_counted_once_across_first_instance_appeal_and_final_judgement(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, b => b.UseSetting("Statistics:SuppressionThreshold", "0"));
        await CountedOnce(app);
    }

    private static async Task CountedOnce(TestApp app)
    {
        var s = await OpenAsync(app);
        var id = s.Proceeding;
        var second = await (await s.Police.PostJsonAsync("/api/v1/suspects", new SuspectInput("Petar", "Ilić"))).ReadAsync<RegisterSuspect.Response>();
        var first = await (await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/charges", new ChargeDefendant.Request(await Ver(s.Police, id), s.Suspect, "350", "2", Day))).ReadAsync<ChargeDefendant.Response>();
        await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/charges", new ChargeDefendant.Request(await Ver(s.Police, id), s.Suspect, "388", "1", Day.AddDays(1), Replaces: first.Id));
        await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/charges", new ChargeDefendant.Request(await Ver(s.Police, id), second.Id, "388", "6", Day.AddDays(1)));
        Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, id, ProceedingStage.CriminalComplaint, Day.AddDays(10))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, id, ProceedingStage.Indictment, Day.AddDays(40))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, id, ProceedingStage.FirstInstanceVerdict, Day.AddDays(200))).StatusCode);
        await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/outcomes", new RecordOutcome.Request(await Ver(s.Police, id), s.Suspect, Verdict.Convicted, Day.AddDays(200), SentenceMonths: 48));
        await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/outcomes", new RecordOutcome.Request(await Ver(s.Police, id), second.Id, Verdict.Convicted, Day.AddDays(200), SentenceMonths: 60));
        Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, id, ProceedingStage.Appeal, Day.AddDays(260))).StatusCode);
        // On appeal the second defendant is acquitted; the first one's conviction is confirmed and becomes final next year.
        await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/outcomes", new RecordOutcome.Request(await Ver(s.Police, id), s.Suspect, Verdict.Convicted, Day.AddDays(300), SentenceMonths: 42));
        await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/outcomes", new RecordOutcome.Request(await Ver(s.Police, id), second.Id, Verdict.Acquitted, Day.AddDays(300)));
        Assert.Equal(HttpStatusCode.OK, (await Move(s.Police, id, ProceedingStage.FinalJudgement, Day.AddDays(320))).StatusCode);
        var final = await s.Police.PostJsonAsync($"/api/v1/proceedings/{id}/outcomes", new RecordOutcome.Request(await Ver(s.Police, id), s.Suspect, Verdict.Convicted, Day.AddDays(320), SentenceMonths: 42));
        Assert.Equal(HttpStatusCode.Created, final.StatusCode);

        var coordinator = await app.ClientAsync(Role.NationalCoordinator, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);
        var figures = await (await coordinator.GetAsync("/api/v1/justice/figures?country=RS")).ReadAsync<JusticeFigures.Response>();
        var year = Day.Year;
        var convictions = figures.ByArticle.Where(r => r.Measure == JusticeFigures.Measure.Convictions).ToList();
        var conviction = Assert.Single(convictions);
        Assert.Equal((year + 1, "388", 1, 1), (conviction.Year, conviction.Article, conviction.Persons!.Value, conviction.Proceedings!.Value));
        Assert.Equal("3-5-years", Assert.Single(figures.Sentences).Band);

        // Investigated and prosecuted once each, under the current qualification (388), not the superseded one (350).
        var investigations = figures.ByArticle.Where(r => r.Measure == JusticeFigures.Measure.Investigations).ToList();
        Assert.Equal([("388", 2, 1)], investigations.Select(r => (r.Article, r.Persons!.Value, r.Proceedings!.Value)));
        var prosecutions = figures.ByArticle.Where(r => r.Measure == JusticeFigures.Measure.Prosecutions).ToList();
        Assert.Equal([(year, "388", 2, 1)], prosecutions.Select(r => (r.Year, r.Article, r.Persons!.Value, r.Proceedings!.Value)));
        Assert.Equal(1, figures.Totals.Single(t => t.Measure == JusticeFigures.Measure.Convictions).Persons);

        // Aggregates only for aggregate readers.
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Police.GetAsync("/api/v1/justice/figures")).StatusCode);
    }
}
