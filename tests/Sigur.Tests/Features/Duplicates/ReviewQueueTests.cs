using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Duplicates;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Duplicates;

public sealed class ReviewQueueTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task The_scan_queues_a_cross_organisation_pair_that_only_the_data_protection_officer_sees_and_confirming_counts_one_person_without_sharing_records(TestApp app)
    {
        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var police = await app.NewOrganisationAsync(OrganisationType.Police);
        var ngo = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var officer = await app.ClientAsync(Role.PoliceInvestigator, police.Id);
        var worker = await app.ClientAsync(Role.CaseWorker, ngo.Id);
        var dpo = await app.ClientAsync(Role.DataProtectionOfficer, office.Id);
        var surname = DuplicateRequests.UniqueSurname();
        var atPolice = await officer.RegisterAsync(DuplicateRequests.Person(DuplicateRequests.Cyrillic("Jelena"), DuplicateRequests.Cyrillic(surname), "1999-07-21"));
        var atNgo = await worker.RegisterAsync(DuplicateRequests.Person("Jelena", surname.Replace("ć", "c"), "1999-07"));
        // Filler persons, so that the engine has a register to estimate its model from.
        foreach (var (given, family, born) in new[] { ("Marko", "Ilić", "1980-01-02"), ("Arben", "Hoxha", "1975-03-04"), ("Ana", "Kostić", "2001-05-06"),
                     ("Dragan", "Nikolić", "1969-12-11"), ("Fatima", "Ahmadi", "2004-08-09"), ("Milica", "Stanković", "1990-10-10") })
            await worker.RegisterAsync(DuplicateRequests.Person(given, family + DuplicateRequests.UniqueSurname(), born));

        var status = await dpo.ScanAsync();
        Assert.False(status.Failed);
        var queue = await dpo.QueueAsync();
        var pair = queue.PairWith(surname);
        Assert.NotNull(pair);
        // Only what deciding needs: name keys, year of birth, sex, citizenship, the holders' types; no ids, no dates, no organisation names.
        Assert.Equal([1999, 1999], new[] { pair.A.BirthYear, pair.B.BirthYear });
        Assert.Equal(Sigur.Matching.DateAgreement.PartialAgrees, pair.BirthDates);
        Assert.Equal(new[] { OrganisationType.Ngo, OrganisationType.Police }.Order(), new[] { pair.A.OrganisationType, pair.B.OrganisationType }.Order());
        var raw = await (await dpo.GetAsync("/api/v1/person-links")).Content.ReadAsStringAsync();
        Assert.DoesNotContain(atPolice.PersonId.ToString(), raw);
        Assert.DoesNotContain("1999-07-21", raw);
        Assert.DoesNotContain(police.Name, raw);

        // Nobody else sees the queue: not the coordinator, not the organisations themselves.
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/person-links")).StatusCode);
        var coordinator = await app.ClientAsync(Role.NationalCoordinator, office.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/v1/person-links")).StatusCode);

        var confirmed = await dpo.PostJsonAsync($"/api/v1/person-links/{pair.Id}/confirm", new ReviewPersonLinks.Decision(pair.Version));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await dpo.PostJsonAsync($"/api/v1/person-links/{pair.Id}/reject", new ReviewPersonLinks.Decision(pair.Version))).StatusCode);
        Assert.Null((await dpo.QueueAsync()).PairWith(surname));

        // Statistics count one person for the two records.
        var facts = await app.WithDbAsync(db => VictimFacts.LoadAsync(db, CountingUnit.Person, ReferenceDate.Registration, "MK", CancellationToken.None));
        var personIds = new[] { atPolice.PersonId, atNgo.PersonId };
        var link = await app.WithDbAsync(db => db.Set<PersonLink>().SingleAsync(l => l.Id == pair.Id));
        Assert.True(link.Confirmed);
        Assert.Equal(personIds.Order(), new[] { link.PersonAId, link.PersonBId }.Order());
        Assert.Contains(facts, f => personIds.Contains(f.Unit));
        Assert.Single(facts, f => personIds.Contains(f.Unit));

        // Neither organisation can read the other's record.
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/cases/{atPolice.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/api/v1/cases/{atNgo.Id}")).StatusCode);
        var search = await (await worker.PostJsonAsync("/api/v1/cases/search", new Sigur.Features.Cases.SearchCases.Request($"Jelena {surname}")))
            .ReadAsync<Sigur.Features.Cases.SearchCases.Response>();
        Assert.Equal([atNgo.Id], search.Items.Select(i => i.Id));

        // The scan decrypted every name and logged none.
        Assert.DoesNotContain(surname, app.Logs.All, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(surname.Replace("ć", "c"), app.Logs.All, StringComparison.OrdinalIgnoreCase);
    }

    [Theory, BothProviders]
    public async Task A_rejected_pair_is_never_proposed_again(TestApp app)
    {
        var office = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var a = await app.NewOrganisationAsync(OrganisationType.Health);
        var b = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var dpo = await app.ClientAsync(Role.DataProtectionOfficer, office.Id);
        var surname = DuplicateRequests.UniqueSurname();
        await (await app.ClientAsync(Role.CaseWorker, a.Id)).RegisterAsync(DuplicateRequests.Person("Vesna", surname, "1988-03-12"));
        await (await app.ClientAsync(Role.CaseWorker, b.Id)).RegisterAsync(DuplicateRequests.Person("Весна", DuplicateRequests.Cyrillic(surname), "1988-12-03"));
        var filler = await app.ClientAsync(Role.CaseWorker, a.Id);
        foreach (var given in new[] { "Goran", "Ljiljana", "Besnik", "Sanja", "Omar" })
            await filler.RegisterAsync(DuplicateRequests.Person(given, DuplicateRequests.UniqueSurname(), $"19{Random.Shared.Next(50, 99)}-0{Random.Shared.Next(1, 9)}-1{Random.Shared.Next(0, 9)}"));

        await dpo.ScanAsync();
        var pair = (await dpo.QueueAsync()).PairWith(surname);
        Assert.NotNull(pair);
        Assert.Equal(Sigur.Matching.DateAgreement.DayMonthSwapped, pair.BirthDates);
        Assert.Equal(HttpStatusCode.Conflict, (await dpo.PostJsonAsync($"/api/v1/person-links/{pair.Id}/reject", new ReviewPersonLinks.Decision(pair.Version + 1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dpo.PostJsonAsync($"/api/v1/person-links/{pair.Id}/reject", new ReviewPersonLinks.Decision(pair.Version))).StatusCode);

        await dpo.ScanAsync();
        Assert.Null((await dpo.QueueAsync()).PairWith(surname));
        var rejected = await app.WithDbAsync(db => db.Set<PersonLink>().SingleAsync(l => l.Id == pair.Id));
        Assert.True(rejected.Rejected);
        Assert.False(rejected.Confirmed);
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.PostJsonAsync($"/api/v1/person-links/{Guid.NewGuid()}/confirm", new ReviewPersonLinks.Decision(0))).StatusCode);
    }
}
