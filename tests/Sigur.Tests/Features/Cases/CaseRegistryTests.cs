using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Cases;

public sealed class CaseRegistryTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task A_registered_case_reads_back_with_its_person(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.Police);
        var client = await app.ClientAsync(Role.PoliceInvestigator, org.Id);

        var created = await client.RegisterAsync(CaseRequests.New("Јована", "Стојановић"));
        var detail = await (await client.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<CaseDetail>();

        Assert.Equal("Јована", detail.Person.GivenName);
        Assert.Equal("Стојановић", detail.Person.FamilyName);
        Assert.Equal(org.Id, detail.OrganisationId);
        Assert.Equal(["SexualExploitation"], detail.FormsOfExploitation);
        Assert.Matches(@"^\d{4}-\d{6}$", detail.Reference);
        Assert.Equal(created.Reference, detail.Reference);
    }

    [Theory, BothProviders]
    public async Task A_name_typed_in_Latin_finds_it_stored_in_Cyrillic_and_back_and_diacritics_do_not_matter(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var cyrillic = await client.RegisterAsync(CaseRequests.New("Љубица", "Ђорђевић"));
        var latin = await client.RegisterAsync(CaseRequests.New("Dragan", "Živković"));
        await client.RegisterAsync(CaseRequests.New("Arben", "Hoxha"));

        async Task<List<Guid>> Search(string q) =>
            (await (await client.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request(q))).ReadAsync<SearchCases.Response>()).Items.Select(i => i.Id).ToList();

        Assert.Equal([cyrillic.Id], await Search("Ljubica Đorđević"));
        Assert.Equal([cyrillic.Id], await Search("djordjevic ljubica"));
        Assert.Equal([latin.Id], await Search("Живковић"));
        Assert.Equal([latin.Id], await Search("zivkovic"));
        Assert.Equal([cyrillic.Id], await Search("Mara Đorđević")); // alias
        Assert.Empty(await Search("Petrović"));
        Assert.Equal([latin.Id], await Search(latin.Reference));

        // Past 999,999 cases in a year (a bulk import) references have seven digits, and are still found.
        var longReference = $"1999-{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Where(c => c.Id == cyrillic.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Reference, longReference)));
        Assert.Equal([cyrillic.Id], await Search(longReference));
    }

    [Theory, BothProviders]
    public async Task Two_edits_from_the_same_version_one_wins_the_other_gets_409(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var created = await client.RegisterAsync();
        var detail = await (await client.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<CaseDetail>();

        EditCase.Request Edit(string narrative) => new(detail.Version, detail.Person.Version,
            new CaseInput(detail.IntakeChannel, detail.IntakeDate, detail.FormsOfExploitation, detail.MeansOfControl, detail.CountriesOfOrigin,
                detail.CountriesOfTransit, detail.CountriesOfExploitation, detail.Region, narrative),
            new PersonInput(detail.Person.GivenName, detail.Person.FamilyName, detail.Person.Aliases, detail.Person.DateOfBirth));

        var responses = await Task.WhenAll(
            client.PutJsonAsync($"/api/v1/cases/{created.Id}", Edit("first edit")),
            client.PutJsonAsync($"/api/v1/cases/{created.Id}", Edit("second edit")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var conflict = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("application/problem+json", conflict.Content.Headers.ContentType?.MediaType);
        var after = await (await client.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<CaseDetail>();
        Assert.Contains(after.Narrative, new[] { "first edit", "second edit" });
        Assert.Equal(detail.Version + 1, after.Version);

        // A third edit from the stale version is refused too and changes nothing.
        var stale = await client.PutJsonAsync($"/api/v1/cases/{created.Id}", Edit("stale edit"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(after.Narrative, (await (await client.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<CaseDetail>()).Narrative);
    }

    [Theory, BothProviders]
    public async Task A_person_can_have_a_second_case_and_another_organisation_cannot_borrow_that_person(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var other = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var outsider = await app.ClientAsync(Role.CaseWorker, other.Id);
        var first = await client.RegisterAsync();

        var second = await client.RegisterAsync(new RegisterCase.Request(CaseRequests.New().Case, null, first.PersonId));
        Assert.Equal(first.PersonId, second.PersonId);
        Assert.NotEqual(first.Reference, second.Reference);

        var borrowed = await outsider.PostJsonAsync("/api/v1/cases", new RegisterCase.Request(CaseRequests.New().Case, null, first.PersonId));
        Assert.Equal(HttpStatusCode.BadRequest, borrowed.StatusCode);
    }

    [Theory, BothProviders]
    public async Task Name_search_follows_renames_covers_every_case_of_the_person_and_pages_newest_first(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var other = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var outsider = await app.ClientAsync(Role.CaseWorker, other.Id);
        var first = await client.RegisterAsync(CaseRequests.New("Vesna", "Trajkovska"));
        var second = await client.RegisterAsync(new RegisterCase.Request(CaseRequests.New().Case, null, first.PersonId));
        var namesake = await client.RegisterAsync(CaseRequests.New("Vesna", "Trajkovska"));
        await outsider.RegisterAsync(CaseRequests.New("Vesna", "Trajkovska"));

        async Task<SearchCases.Response> Search(HttpClient c, string q, int page = 1, int size = 20) =>
            await (await c.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request(q, page, size))).ReadAsync<SearchCases.Response>();
        static List<Guid> Ids(SearchCases.Response r) => r.Items.Select(i => i.Id).ToList();

        // Every case of the person, and the namesake's, newest first; never the other organisation's namesake.
        Assert.Equal([namesake.Id, second.Id, first.Id], Ids(await Search(client, "Весна Трајковска")));
        var page1 = await Search(client, "trajkovska vesna", 1, 2);
        var page2 = await Search(client, "trajkovska vesna", 2, 2);
        Assert.Equal([namesake.Id, second.Id], Ids(page1));
        Assert.True(page1.HasMore);
        Assert.Equal([first.Id], Ids(page2));
        Assert.False(page2.HasMore);

        // A rename moves both of the person's cases to the new name and off the old one.
        var detail = await (await client.GetAsync($"/api/v1/cases/{first.Id}")).ReadAsync<CaseDetail>();
        var renamed = await client.PutJsonAsync($"/api/v1/cases/{first.Id}", new EditCase.Request(detail.Version, detail.Person.Version,
            new CaseInput(detail.IntakeChannel, detail.IntakeDate, detail.FormsOfExploitation, detail.MeansOfControl, detail.CountriesOfOrigin,
                detail.CountriesOfTransit, detail.CountriesOfExploitation, detail.Region, detail.Narrative),
            new PersonInput("Vesna", "Nikolovska", detail.Person.Aliases, detail.Person.DateOfBirth)));
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal([second.Id, first.Id], Ids(await Search(client, "Vesna Nikolovska")));
        Assert.Equal([namesake.Id], Ids(await Search(client, "Vesna Trajkovska")));
        Assert.Empty(Ids(await Search(outsider, "Vesna Nikolovska")));
    }

    [Theory, BothProviders]
    public async Task Parallel_first_registrations_of_a_year_all_succeed_with_distinct_references(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);

        var created = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.RegisterAsync()));

        Assert.Equal(24, created.Select(c => c.Reference).Distinct().Count());
    }

    [Theory, BothProviders]
    public async Task Invalid_fields_are_named_and_nothing_is_written(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var bad = CaseRequests.New() with
        {
            Person = CaseRequests.New().Person! with { Citizenships = ["Serbia"], DateOfBirth = "2999-01-01" },
            Case = CaseRequests.New().Case with { FormsOfExploitation = ["Smuggling"] },
        };
        var response = await client.PostJsonAsync("/api/v1/cases", bad);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("person.citizenships", body);
        Assert.Contains("person.dateOfBirth", body);
        Assert.Contains("case.formsOfExploitation", body);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Cases.IgnoreQueryFiltersCount(org.Id))));
    }

    [Theory, BothProviders]
    public async Task The_case_page_writes_its_dates_one_way_per_culture(TestApp app)
    {
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var c = await worker.RegisterAsync(); // intake 2026-03-14, born 1998-05-02

        var mk = await Pages.ReadAsync(worker, $"/Cases/Details/{c.Id}", "mk");
        Assert.Contains("<dd>14.03.2026</dd>", mk);
        Assert.Contains("<dd>02.05.1998</dd>", mk);
        Assert.Matches(@"<dd>\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}</dd>", mk); // registered: the same date, with the time
        Assert.DoesNotContain("1998-05-02", mk);
        Assert.DoesNotContain("2026", System.Text.RegularExpressions.Regex.Match(mk, "<dd>[^<]*март[^<]*</dd>").Value); // no long date beside the short ones
        var en = await Pages.ReadAsync(worker, $"/Cases/Details/{c.Id}", "en");
        Assert.Contains("<dd>14/03/2026</dd>", en);
        Assert.Contains("<dd>02/05/1998</dd>", en);
    }
}

internal static class CountExtensions
{
    public static int IgnoreQueryFiltersCount(this Microsoft.EntityFrameworkCore.DbSet<Case> cases, Guid organisationId) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(cases).Count(c => c.OrganisationId == organisationId);
}
