using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Sigur.Features.Cases.IdentificationStatus;

namespace Sigur.Tests.Features.Identification;

/// <summary>potential → presumed → identified, or not a victim: every move allowed and refused, reviews and appeals, history.</summary>
public sealed class IdentificationDecisionTests : IClassFixture<ClockedApps>
{
    /// <summary>How to reach each status by decisions from a new case.</summary>
    private static readonly Dictionary<IdentificationStatus, IdentificationStatus[]> PathTo = new()
    {
        [Potential] = [],
        [Presumed] = [Presumed],
        [Identified] = [Presumed, Identified],
        [NotAVictim] = [NotAVictim],
    };

    private static readonly HashSet<(IdentificationStatus, IdentificationStatus)> Allowed =
    [
        (Potential, Presumed), (Potential, NotAVictim), (Presumed, Identified), (Presumed, NotAVictim),
    ];

    [Theory, BothProviders]
    public async Task Every_transition_is_allowed_or_refused_with_409_problem_details(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var today = host.Today;
        var failures = new List<string>();
        foreach (var from in Enum.GetValues<IdentificationStatus>())
            foreach (var to in Enum.GetValues<IdentificationStatus>())
            {
                var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(today));
                foreach (var step in PathTo[from])
                    Assert.Equal(HttpStatusCode.Created, (await worker.DecideAsync(created.Id, step, today)).StatusCode);
                var response = await worker.DecideAsync(created.Id, to, today);
                var expected = Allowed.Contains((from, to)) ? HttpStatusCode.Created : HttpStatusCode.Conflict;
                if (response.StatusCode != expected) failures.Add($"{from} → {to}: expected {(int)expected}, got {(int)response.StatusCode}");
                if (expected == HttpStatusCode.Conflict && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"{from} → {to}: the refusal is not ProblemDetails");
                var after = await worker.IdentificationAsync(created.Id);
                var status = expected == HttpStatusCode.Created ? to : from;
                if (after.Status != status) failures.Add($"{from} → {to}: status is {after.Status}, expected {status}");
                if (after.Decisions.Count != PathTo[from].Length + (expected == HttpStatusCode.Created ? 1 : 0))
                    failures.Add($"{from} → {to}: {after.Decisions.Count} decisions in the history");
            }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory, BothProviders]
    public async Task An_appeal_reverses_the_decision_that_set_the_status_and_the_history_keeps_everything(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var today = host.Today;
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(today));

        await worker.DecideAsync(created.Id, Presumed, today);
        Assert.Equal(HttpStatusCode.Created, (await worker.DecideAsync(created.Id, NotAVictim, today)).StatusCode);
        var before = await worker.IdentificationAsync(created.Id);
        var presumed = before.Decisions.Single(d => d.To == Presumed);
        var negative = before.Decisions.Single(d => d.To == NotAVictim);
        Assert.True(negative.Reviewable);
        Assert.False(presumed.Reviewable);

        ReviewDecision.Request Review(DecisionKind kind, ReviewOutcome outcome) =>
            new(kind, outcome, today, DecidingBodyType.CourtOrProsecution, "The court found the recruitment deceptive.", "Basic Court Skopje I");

        // Only the decision that set the current status can be reviewed.
        var older = await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/identification/decisions/{presumed.Id}/review", Review(DecisionKind.Appeal, ReviewOutcome.Reversed));
        Assert.Equal(HttpStatusCode.Conflict, older.StatusCode);

        // A review that upholds changes nothing but is recorded.
        var upheld = await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/identification/decisions/{negative.Id}/review", Review(DecisionKind.Review, ReviewOutcome.Upheld));
        Assert.Equal(HttpStatusCode.Created, upheld.StatusCode);
        Assert.Equal(NotAVictim, (await worker.IdentificationAsync(created.Id)).Status);

        // The appeal reverses: back to presumed.
        var appeal = await worker.PostJsonAsync($"/api/v1/cases/{created.Id}/identification/decisions/{negative.Id}/review", Review(DecisionKind.Appeal, ReviewOutcome.Reversed));
        Assert.Equal(HttpStatusCode.Created, appeal.StatusCode);
        var after = await worker.IdentificationAsync(created.Id);
        Assert.Equal(Presumed, after.Status);
        Assert.Equal([Identified, NotAVictim], after.AllowedDecisions);
        Assert.Equal(4, after.Decisions.Count);
        Assert.True(after.Decisions.Single(d => d.Id == negative.Id).Reversed);
        var last = after.Decisions[^1];
        Assert.Equal((DecisionKind.Appeal, ReviewOutcome.Reversed, NotAVictim, Presumed, negative.Id), (last.Kind, last.Outcome!.Value, last.From, last.To, last.ReviewOf!.Value));
        Assert.Equal("Basic Court Skopje I", last.DecidingOrganisation);
        Assert.Equal("The court found the recruitment deceptive.", last.Reasons);
        Assert.Equal(after.Decisions.Select(d => d.Sequence), [1, 2, 3, 4]);

        // Now the process goes on from presumed.
        Assert.Equal(HttpStatusCode.Created, (await worker.DecideAsync(created.Id, Identified, today)).StatusCode);
        Assert.Equal(Identified, (await worker.IdentificationAsync(created.Id)).Status);

        // The reasons are encrypted at rest.
        var stored = await host.App.WithDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT reasons AS \"Value\" FROM identification_decision").ToListAsync());
        Assert.DoesNotContain(stored, r => r.Contains("deceptive", StringComparison.Ordinal));
    }

    [Theory, BothProviders]
    public async Task The_status_changes_only_through_decisions_not_by_editing_or_registering(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync();
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var request = IdentificationRequests.CaseOn(host.Today);
        var presumedAtIntake = await worker.PostJsonAsync("/api/v1/cases", request with { Case = request.Case with { IdentificationStatus = Identified } });
        Assert.Equal(HttpStatusCode.BadRequest, presumedAtIntake.StatusCode);
        Assert.Contains("case.identificationStatus", await presumedAtIntake.Content.ReadAsStringAsync());

        var created = await worker.RegisterAsync(request);
        var detail = await (await worker.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<CaseDetail>();
        var edit = new EditCase.Request(detail.Version, detail.Person.Version,
            new CaseInput(detail.IntakeChannel, detail.IntakeDate, IdentificationStatus: Identified), new PersonInput(detail.Person.GivenName, detail.Person.FamilyName));
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PutJsonAsync($"/api/v1/cases/{created.Id}", edit)).StatusCode);
        Assert.Equal(Potential, (await worker.IdentificationAsync(created.Id)).Status);
        // An edit that keeps the status goes through.
        Assert.Equal(HttpStatusCode.OK, (await worker.PutJsonAsync($"/api/v1/cases/{created.Id}", edit with { Case = edit.Case with { IdentificationStatus = Potential } })).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Where_the_law_names_a_formal_authority_an_identified_decision_must_name_it(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync();
        await host.App.WithDbAsync(async db =>
        {
            await db.Organisations.Where(o => o.Id == org.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.Country, "RS"));
            return 0;
        });
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var today = host.Today;
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(today));
        await worker.DecideAsync(created.Id, Presumed, today);
        Assert.Equal(ClockedApp.FormalAuthorityRs, (await worker.IdentificationAsync(created.Id)).FormalAuthority);

        var without = await worker.DecideAsync(created.Id, Identified, today);
        Assert.Equal(HttpStatusCode.BadRequest, without.StatusCode);
        Assert.Contains("formalAuthority", await without.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await worker.DecideAsync(created.Id, Identified, today, ClockedApp.FormalAuthorityRs)).StatusCode);
        Assert.Equal(ClockedApp.FormalAuthorityRs, (await worker.IdentificationAsync(created.Id)).Decisions[^1].FormalAuthority);
    }

    [Theory, BothProviders]
    public async Task Two_decisions_taken_at_once_one_lands_and_the_other_is_refused(ClockedApp host)
    {
        var org = await host.App.NewOrganisationAsync();
        var (_, worker) = await host.UserAsync(Role.CaseWorker, org.Id);
        var today = host.Today;
        var created = await worker.RegisterAsync(IdentificationRequests.CaseOn(today));
        // Both decide from the status they saw; whichever lands second finds it changed.
        Task<HttpResponseMessage> Decide(IdentificationStatus to) => worker.PostJsonAsync($"/api/v1/cases/{created.Id}/identification/decisions",
            IdentificationRequests.Decision(to, today) with { ExpectedFrom = Potential });
        var responses = await Task.WhenAll(Decide(Presumed), Decide(NotAVictim));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Single((await worker.IdentificationAsync(created.Id)).Decisions);
    }
}
