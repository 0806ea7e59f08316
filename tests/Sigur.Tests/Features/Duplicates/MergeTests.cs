using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Duplicates;
using Sigur.Features.Statistics;
using Sigur.Platform.Audit;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Duplicates;

public sealed class MergeTests : IClassFixture<AppPool>
{
    private static async Task<CaseDetail> DetailAsync(HttpClient client, Guid caseId) =>
        await (await client.GetAsync($"/api/v1/cases/{caseId}")).ReadAsync<CaseDetail>();

    [Theory, BothProviders]
    public async Task A_merge_moves_the_cases_keeps_both_persons_is_audited_and_undo_restores_the_state_before(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        var surname = DuplicateRequests.UniqueSurname();
        var first = await worker.RegisterAsync(DuplicateRequests.Person("Marija", surname));
        var second = await worker.RegisterAsync(DuplicateRequests.Person(DuplicateRequests.Cyrillic("Mara"), DuplicateRequests.Cyrillic(surname)));
        var kept = (await DetailAsync(worker, first.Id)).Person;
        var absorbed = (await DetailAsync(worker, second.Id)).Person;

        var merged = await worker.PostJsonAsync($"/api/v1/persons/{kept.Id}/merge", new MergePersons.Request(absorbed.Id, kept.Version, absorbed.Version));
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var merge = await merged.ReadAsync<MergePersons.MergeView>();
        Assert.Equal([second.Id], merge.MovedCaseIds);

        // Both histories under one person; the absorbed person's name still finds them; the absorbed record is kept.
        Assert.Equal(kept.Id, (await DetailAsync(worker, second.Id)).Person.Id);
        var byOldName = await (await worker.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request($"Mara {surname}"))).ReadAsync<SearchCases.Response>();
        Assert.Equal(new[] { first.Id, second.Id }.Order(), byOldName.Items.Select(i => i.Id).Order());
        var (absorbedRow, link, audited) = await app.WithDbAsync(async db => (
            await db.Persons.IgnoreQueryFilters().SingleAsync(p => p.Id == absorbed.Id),
            await db.Set<PersonLink>().SingleAsync(l => l.PersonAId == kept.Id && l.PersonBId == absorbed.Id),
            await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.MergePersons.Text() && a.RecordIds == $"{kept.Id} {absorbed.Id}")));
        Assert.Equal(kept.Id, absorbedRow.MergedIntoId);
        Assert.True(link.Confirmed);
        Assert.True(audited);

        // A second merge of the same person, and an undo from a stale version, are refused.
        var keptNow = (await DetailAsync(worker, first.Id)).Person;
        Assert.Equal(HttpStatusCode.Conflict,
            (await worker.PostJsonAsync($"/api/v1/persons/{keptNow.Id}/merge", new MergePersons.Request(absorbed.Id, keptNow.Version, absorbedRow.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/person-merges/{merge.Id}/undo", new MergePersons.UndoRequest(merge.Version + 1))).StatusCode);

        // A case registered for the kept person after the merge stays with them on undo.
        var later = await worker.RegisterAsync(new RegisterCase.Request(CaseRequests.New().Case, null, kept.Id));
        var undone = await worker.PostJsonAsync($"/api/v1/person-merges/{merge.Id}/undo", new MergePersons.UndoRequest(merge.Version));
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.NotNull((await undone.ReadAsync<MergePersons.MergeView>()).UndoneAt);

        Assert.Equal(absorbed.Id, (await DetailAsync(worker, second.Id)).Person.Id);
        Assert.Equal(kept.Id, (await DetailAsync(worker, first.Id)).Person.Id);
        Assert.Equal(kept.Id, (await DetailAsync(worker, later.Id)).Person.Id);
        var byOldNameAfter = await (await worker.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request($"Mara {surname}"))).ReadAsync<SearchCases.Response>();
        Assert.Equal([second.Id], byOldNameAfter.Items.Select(i => i.Id));
        var (restored, linkAfter, undoAudited, persons) = await app.WithDbAsync(async db => (
            await db.Persons.IgnoreQueryFilters().SingleAsync(p => p.Id == absorbed.Id),
            await db.Set<PersonLink>().SingleAsync(l => l.PersonAId == kept.Id && l.PersonBId == absorbed.Id),
            await db.AuditEntries.AnyAsync(a => a.Action == AuditAction.UnmergePersons.Text() && a.RecordIds == $"{kept.Id} {absorbed.Id}"),
            await db.Persons.IgnoreQueryFilters().CountAsync(p => p.Id == kept.Id || p.Id == absorbed.Id)));
        Assert.Null(restored.MergedIntoId);
        Assert.False(linkAfter.Confirmed);
        Assert.True(undoAudited);
        Assert.Equal(2, persons);
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync($"/api/v1/person-merges/{merge.Id}/undo", new MergePersons.UndoRequest(merge.Version + 1))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Another_organisations_person_cannot_be_merged_nor_its_merge_undone(TestApp app)
    {
        var own = await app.NewOrganisationAsync();
        var other = await app.NewOrganisationAsync();
        var worker = await app.ClientAsync(Role.CaseWorker, own.Id);
        var stranger = await app.ClientAsync(Role.CaseWorker, other.Id);
        var mine = await worker.RegisterAsync();
        var alsoMine = await worker.RegisterAsync();
        var theirs = await stranger.RegisterAsync();

        Assert.Equal(HttpStatusCode.NotFound,
            (await worker.PostJsonAsync($"/api/v1/persons/{theirs.PersonId}/merge", new MergePersons.Request(mine.PersonId, 0, 0))).StatusCode);
        var intoMine = await worker.PostJsonAsync($"/api/v1/persons/{mine.PersonId}/merge", new MergePersons.Request(theirs.PersonId, 0, 0));
        Assert.Equal(HttpStatusCode.BadRequest, intoMine.StatusCode);
        Assert.Contains("absorbedPersonId", await intoMine.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/cases/{mine.Id}")).StatusCode);

        var merge = await (await worker.PostJsonAsync($"/api/v1/persons/{mine.PersonId}/merge", new MergePersons.Request(alsoMine.PersonId, 0, 0)))
            .ReadAsync<MergePersons.MergeView>();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/person-merges/{merge.Id}/undo", new MergePersons.UndoRequest(merge.Version))).StatusCode);
        Assert.Empty(await (await stranger.GetAsync("/api/v1/person-merges")).ReadAsync<List<MergePersons.MergeView>>());
    }
}
