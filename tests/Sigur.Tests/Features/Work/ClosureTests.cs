using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Features.Work;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Work;

/// <summary>Closing a case with a reason, what is open settled or carried over, the closed case read-only in every write, and reopening.</summary>
public sealed class ClosureTests : IClassFixture<AppPool>
{
    private static async Task<CloseCase.State> StateOf(HttpClient client, Guid caseId) =>
        await (await client.GetAsync($"/api/v1/cases/{caseId}/closure")).ReadAsync<CloseCase.State>();

    [Theory, BothProviders]
    public async Task A_case_closes_once_what_is_open_is_settled_or_carried_over_and_is_read_only_until_reopened(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        var stranger = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var c = await worker.RegisterAsync();
        var task = await (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/tasks", new WriteTask.Request("Call back", DateOnly.FromDateTime(DateTime.UtcNow)))).ReadAsync<TaskView>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/residence-permits",
            new RecordResidencePermit.Request(ResidencePermitType.PersonalSituation, today, today.AddMonths(6)))).StatusCode);

        // Open: the identification deadline and the permit, both running clocks.
        var state = await StateOf(worker, c.Id);
        Assert.Equal(2, state.Open.Count);
        Assert.All(state.Open, o => Assert.Equal(OpenItemKind.Clock, o.Kind));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/cases/{c.Id}/closure")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/cases/{c.Id}/closure", new CloseCase.Request(state.Version, ClosureReason.GoalsMet))).StatusCode);

        // Nothing settled, nothing carried over: refused, and the answer lists what is open.
        var refused = await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/closure", new CloseCase.Request(state.Version, ClosureReason.GoalsMet));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using (var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
            Assert.Equal(2, body.RootElement.GetProperty("open").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/closure",
            new CloseCase.Request(state.Version, ClosureReason.Other))).StatusCode); // "other" needs a remark
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/closure",
            new CloseCase.Request(state.Version, ClosureReason.GoalsMet, CarryOver: [Guid.NewGuid()]))).StatusCode);
        // Closing through the status field is no closure.
        var read = await (await worker.GetAsync($"/api/v1/cases/{c.Id}")).ReadAsync<CaseDetail>();
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PutJsonAsync($"/api/v1/cases/{c.Id}", Edit(read, CaseStatus.Closed))).StatusCode);

        // The identification deadline is settled (a decision); the permit is carried over.
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/identification/decisions",
            new DecideIdentification.Request(IdentificationStatus.Presumed, today, DecidingBodyType.Ngo, "Test"))).StatusCode);
        state = await StateOf(worker, c.Id);
        var permit = Assert.Single(state.Open);
        Assert.Equal(nameof(ClockType.ResidencePermit), permit.State);
        var closed = await (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/closure",
            new CloseCase.Request(state.Version, ClosureReason.MovedAbroad, "Moved to her sister's", [permit.Id]))).ReadAsync<CloseCase.State>();
        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal([permit.Id], Assert.Single(closed.History).CarriedOver);
        Assert.Equal(CaseTaskStatus.Cancelled, (await app.WithDbAsync(db => db.CaseTasks().IgnoreQueryFilters().SingleAsync(t => t.Id == task.Id))).Status);

        // Read-only: the case, what hangs on it, and new records on it; a second closure is refused too.
        read = await (await worker.GetAsync($"/api/v1/cases/{c.Id}")).ReadAsync<CaseDetail>();
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PutJsonAsync($"/api/v1/cases/{c.Id}", Edit(read, CaseStatus.Closed))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/tasks", new WriteTask.Request("After closure", today))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/screenings",
            new RecordScreening.Request("adult-general", ["AG-DR1"], today))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/closure", new CloseCase.Request(closed.Version, ClosureReason.GoalsMet))).StatusCode);
        var screenings = await app.WithDbAsync(db => db.Set<Screening>().IgnoreQueryFilters().CountAsync(s => s.CaseId == c.Id));
        Assert.Equal(0, screenings);
        // What was carried over stays workable: the permit's renewal is still requested.
        Assert.Equal(HttpStatusCode.OK, (await worker.PostJsonAsync($"/api/v1/clocks/{permit.Id}/renewal-request", new ChangeClock.RenewalRequest(0, today))).StatusCode);

        // Reopened with a reason: writable again.
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/reopening", new ReopenCase.Request(closed.Version, " "))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/cases/{c.Id}/reopening", new ReopenCase.Request(closed.Version, "came back"))).StatusCode);
        var reopened = await (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/reopening", new ReopenCase.Request(closed.Version, "She came back and asks for help."))).ReadAsync<CloseCase.State>();
        Assert.Equal(CaseStatus.Active, reopened.Status);
        Assert.Equal([ClosureStep.Closed, ClosureStep.Reopened], reopened.History.Select(h => h.Step));
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/reopening", new ReopenCase.Request(reopened.Version, "again"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/tasks", new WriteTask.Request("Welcome back", today))).StatusCode);
        // The reopening's reason is encrypted at rest.
        var stored = await app.WithDbAsync(async db =>
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            await db.Database.OpenConnectionAsync();
            command.CommandText = "SELECT note FROM case_closures WHERE step = 'Reopened'";
            var notes = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) notes.Add(reader.GetString(0));
            return notes;
        });
        Assert.DoesNotContain(stored, n => n.Contains("came back", StringComparison.Ordinal));
    }

    private static EditCase.Request Edit(CaseDetail c, CaseStatus status) => new(c.Version, c.Person.Version,
        new CaseInput(c.IntakeChannel, c.IntakeDate, [.. c.FormsOfExploitation], [.. c.MeansOfControl], [.. c.CountriesOfOrigin], [.. c.CountriesOfTransit],
            [.. c.CountriesOfExploitation], c.Region, c.Narrative + " (edited)", status, c.IdentificationStatus),
        new PersonInput(c.Person.GivenName, c.Person.FamilyName, c.Person.Aliases, c.Person.DateOfBirth, c.Person.EstimatedAge, c.Person.PossiblyChild,
            c.Person.Sex, c.Person.Citizenships, c.Person.Languages, c.Person.Contact, c.Person.Documents));
}
