using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Referrals;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Shelters;

public sealed class ShelterTests : IClassFixture<AppPool>
{
    private const string Address = "ul. Tajna 7, Skopje";

    private static async Task<(Organisation Org, HttpClient Staff, HttpClient Worker, ShelterDetail Shelter)> ShelterAsync(TestApp app, int places = 15, int childPlaces = 0)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var staff = await app.ClientAsync(Role.ShelterStaff, org.Id);
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        List<PlaceCount> counts = [new(PlaceSex.Female, AgeGroup.Adult, places, 0)];
        if (childPlaces > 0) counts.Add(new(PlaceSex.Female, AgeGroup.Child, childPlaces, 0));
        var created = await staff.PostJsonAsync("/api/v1/shelters", new RegisterShelter.Request("Sigurna kuća", "Skopje", Address, counts));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (org, staff, worker, await created.ReadAsync<ShelterDetail>());
    }

    [Theory, BothProviders]
    public async Task Sixty_four_parallel_admissions_to_fifteen_places_exactly_fifteen_succeed(TestApp app)
    {
        var (_, staff, worker, shelter) = await ShelterAsync(app);
        var cases = new List<RegisterCase.Response>();
        foreach (var batch in Enumerable.Range(0, 64).Chunk(8))
            cases.AddRange(await Task.WhenAll(batch.Select(i => worker.RegisterAsync(CaseRequests.New("Resident", $"Number{i}")))));

        var responses = await Task.WhenAll(cases.Select(c => staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/admissions", new AdmitToShelter.Request(c.Id))));

        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var detail = await (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}")).ReadAsync<ShelterDetail>();
        Assert.Equal(15, Assert.Single(detail.Places).Occupied);
        var open = await app.WithDbAsync(db => db.Set<ShelterPlacement>().IgnoreQueryFilters().CountAsync(p => p.ShelterId == shelter.Id && p.DischargedAt == null));
        Assert.Equal(15, open);
    }

    [Theory, BothProviders]
    public async Task Admission_discharge_waiting_list_and_places_by_category(TestApp app)
    {
        var (_, staff, worker, shelter) = await ShelterAsync(app, places: 1, childPlaces: 1);
        var first = await worker.RegisterAsync(CaseRequests.New("Prva", "Osoba"));
        var second = await worker.RegisterAsync(CaseRequests.New("Druga", "Osoba"));
        var man = CaseRequests.New("Treći", "Čovek");
        man = man with { Person = man.Person! with { Sex = Sex.Male } };
        var third = await worker.RegisterAsync(man);

        Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/admissions", new AdmitToShelter.Request(first.Id))).StatusCode);
        // The same person cannot hold two places.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/admissions", new AdmitToShelter.Request(first.Id, AgeGroup: AgeGroup.Child))).StatusCode);
        // Adult women's places are full; the child place is not for her; there are no places for men.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/admissions", new AdmitToShelter.Request(second.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/admissions", new AdmitToShelter.Request(third.Id))).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/waiting-list", new ShelterResidents.WaitRequest(second.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/waiting-list", new ShelterResidents.WaitRequest(second.Id))).StatusCode);
        Assert.Single(await (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}/waiting-list")).ReadAsync<List<ShelterResidents.Waiting>>());

        var stay = Assert.Single(await (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}/placements")).ReadAsync<List<ShelterResidents.Stay>>());
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/placements/{stay.Id}/discharge", new DischargeFromShelter.Request("Moved to family"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/placements/{stay.Id}/discharge", new DischargeFromShelter.Request())).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/admissions", new AdmitToShelter.Request(second.Id))).StatusCode);
        Assert.Empty(await (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}/waiting-list")).ReadAsync<List<ShelterResidents.Waiting>>());
        var summary = Assert.Single(await (await staff.GetAsync("/api/v1/shelters")).ReadAsync<List<ShelterSummary>>(), s => s.Id == shelter.Id);
        Assert.Equal((2, 1), (summary.TotalPlaces, summary.TotalOccupied));

        // Another organisation's shelter staff cannot run this shelter.
        var otherStaff = await app.ClientAsync(Role.ShelterStaff, (await app.NewOrganisationAsync(OrganisationType.ShelterOperator)).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.GetAsync($"/api/v1/shelters/{shelter.Id}/placements")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/admissions", new AdmitToShelter.Request(third.Id))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task The_address_is_encrypted_and_shown_only_to_the_shelters_staff_and_the_coordinator(TestApp app)
    {
        var (org, staff, _, shelter) = await ShelterAsync(app);
        Assert.Equal(Address, shelter.Address);
        Assert.Equal(Address, (await (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}")).ReadAsync<ShelterDetail>()).Address);
        var coordinator = await app.ClientAsync(Role.NationalCoordinator, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);
        Assert.Equal(Address, (await (await coordinator.GetAsync($"/api/v1/shelters/{shelter.Id}")).ReadAsync<ShelterDetail>()).Address);

        var police = await app.ClientAsync(Role.PoliceInvestigator, (await app.NewOrganisationAsync(OrganisationType.Police)).Id);
        var ownCaseWorker = await app.ClientAsync(Role.CaseWorker, org.Id);
        foreach (var client in new[] { police, ownCaseWorker, coordinator, staff })
            Assert.DoesNotContain("Tajna", await (await client.GetAsync("/api/v1/shelters")).Content.ReadAsStringAsync());
        Assert.Equal("", (await (await police.GetAsync($"/api/v1/shelters/{shelter.Id}")).ReadAsync<ShelterDetail>()).Address);
        Assert.Equal("", (await (await ownCaseWorker.GetAsync($"/api/v1/shelters/{shelter.Id}")).ReadAsync<ShelterDetail>()).Address);

        var stored = await app.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = $"SELECT address FROM shelters WHERE name = 'Sigurna kuća'";
            var values = new List<string>();
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) values.Add(reader.GetString(0));
            return values;
        });
        Assert.NotEmpty(stored);
        Assert.All(stored, v => Assert.DoesNotContain("Tajna", v));
    }

    [Theory, BothProviders]
    public async Task A_referral_of_a_sheltered_person_carries_no_shelter_address(TestApp app)
    {
        var (org, staff, worker, shelter) = await ShelterAsync(app);
        var c = await worker.RegisterAsync();
        Assert.Equal(HttpStatusCode.Created, (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/admissions", new AdmitToShelter.Request(c.Id))).StatusCode);

        var recipient = await app.NewOrganisationAsync(OrganisationType.Health);
        var recipientClient = await app.ClientAsync(Role.CaseWorker, recipient.Id);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/consents", new RecordConsent.Request(
            ConsentGiver.Person, [recipient.Id], [.. Enum.GetValues<DataGroup>()], "Medical care", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1)))).StatusCode);
        var referred = await worker.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(c.Id, recipient.Id, [ServiceType.Medical]));
        Assert.Equal(HttpStatusCode.Created, referred.StatusCode);
        var referral = await referred.ReadAsync<ReferralView>();

        var payloads = new List<string>
        {
            await referred.Content.ReadAsStringAsync(),
            await (await recipientClient.GetAsync("/api/v1/referrals/inbox")).Content.ReadAsStringAsync(),
            await (await recipientClient.GetAsync($"/api/v1/referrals/{referral.Id}")).Content.ReadAsStringAsync(),
            await (await recipientClient.GetAsync($"/api/v1/cases/{c.Id}")).Content.ReadAsStringAsync(),
            await (await recipientClient.GetAsync($"/api/v1/cases/{c.Id}/referrals")).Content.ReadAsStringAsync(),
            await (await recipientClient.PostAsync($"/api/v1/referrals/{referral.Id}/accept", null)).Content.ReadAsStringAsync(),
            await (await worker.GetAsync("/api/v1/referrals/sent")).Content.ReadAsStringAsync(),
        };
        Assert.Contains(payloads, p => p.Contains(c.Reference)); // the payloads are real
        Assert.All(payloads, p => Assert.DoesNotContain("Tajna", p));
        Assert.All(payloads, p => Assert.DoesNotContain(shelter.Id.ToString(), p));
    }

    [Theory, BothProviders]
    public async Task The_shelters_page_speaks_the_user_s_language(TestApp app)
    {
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        Assert.Contains("Strehimoret", await Pages.ReadAsync(worker, "/Shelters", "sq"));
    }
}
