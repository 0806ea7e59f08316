using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Referrals;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Shelters;

/// <summary>Changing a shelter's places (never below its residents, whatever the concurrency), occupancy over time, and the waiting list.</summary>
public sealed class ShelterPlacesTests : IClassFixture<AppPool>
{
    private static async Task<(HttpClient Staff, HttpClient Worker, ShelterDetail Shelter)> ShelterAsync(TestApp app, int places)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var staff = await app.ClientAsync(Role.ShelterStaff, org.Id);
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        var created = await staff.PostJsonAsync("/api/v1/shelters", new RegisterShelter.Request("Kuća nade", "Niš", "Tajna 1", [new(PlaceSex.Female, AgeGroup.Adult, places, 0)]));
        return (staff, worker, await created.ReadAsync<ShelterDetail>());
    }

    private static Task<HttpResponseMessage> Admit(HttpClient staff, Guid shelter, Guid caseId) =>
        staff.PostJsonAsync($"/api/v1/shelters/{shelter}/admissions", new AdmitToShelter.Request(caseId));

    [Theory, BothProviders]
    public async Task Places_change_but_never_below_the_residents_and_one_editor_wins(TestApp app)
    {
        var (staff, worker, shelter) = await ShelterAsync(app, places: 6);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Created, (await Admit(staff, shelter.Id, (await worker.RegisterAsync()).Id)).StatusCode);
        var url = $"/api/v1/shelters/{shelter.Id}/places";

        // Below the three residents: 409, naming the category; nothing changed, not even the other category asked for.
        var below = await staff.PutJsonAsync(url, new EditPlaces.Request(shelter.Version, [new(PlaceSex.Male, AgeGroup.Adult, 4), new(PlaceSex.Female, AgeGroup.Adult, 2)]));
        Assert.Equal(HttpStatusCode.Conflict, below.StatusCode);
        Assert.Contains("\"sex\":\"Female\"", await below.Content.ReadAsStringAsync());
        var unchanged = await (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}")).ReadAsync<ShelterDetail>();
        Assert.Equal((6, 3), (Assert.Single(unchanged.Places).Places, unchanged.Places[0].Occupied));
        Assert.Equal(shelter.Version, unchanged.Version);
        // Bad input: 400 naming the field.
        var negative = await staff.PutJsonAsync(url, new EditPlaces.Request(shelter.Version, [new(PlaceSex.Female, AgeGroup.Adult, -1)]));
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Contains("places", await negative.Content.ReadAsStringAsync());

        // Exactly the residents, and a new category: accepted.
        var cut = await staff.PutJsonAsync(url, new EditPlaces.Request(shelter.Version, [new(PlaceSex.Female, AgeGroup.Adult, 3), new(PlaceSex.Male, AgeGroup.Child, 2)]));
        Assert.Equal(HttpStatusCode.OK, cut.StatusCode);
        var after = await cut.ReadAsync<ShelterDetail>();
        Assert.Equal([new(PlaceSex.Female, AgeGroup.Adult, 3, 3), new(PlaceSex.Male, AgeGroup.Child, 2, 0)], after.Places);
        // The shelter is now full for women.
        Assert.Equal(HttpStatusCode.Conflict, (await Admit(staff, shelter.Id, (await worker.RegisterAsync()).Id)).StatusCode);
        // An editor holding the old version loses.
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutJsonAsync(url, new EditPlaces.Request(shelter.Version, [new(PlaceSex.Female, AgeGroup.Adult, 9)]))).StatusCode);
        // Two editors at once: one wins.
        var both = await Task.WhenAll(staff.PutJsonAsync(url, new EditPlaces.Request(after.Version, [new(PlaceSex.Female, AgeGroup.Adult, 8)])),
            staff.PutJsonAsync(url, new EditPlaces.Request(after.Version, [new(PlaceSex.Female, AgeGroup.Adult, 9)])));
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(both, r => r.StatusCode == HttpStatusCode.Conflict);

        // The coordinator's office keeps any shelter's places; another shelter's staff cannot see it (404); a case worker may not (403).
        var coordinator = await app.ClientAsync(Role.NationalCoordinator, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);
        var current = await (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}")).ReadAsync<ShelterDetail>();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PutJsonAsync(url, new EditPlaces.Request(current.Version, [new(PlaceSex.Female, AgeGroup.Adult, 15)]))).StatusCode);
        var otherStaff = await app.ClientAsync(Role.ShelterStaff, (await app.NewOrganisationAsync(OrganisationType.ShelterOperator)).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await otherStaff.PutJsonAsync(url, new EditPlaces.Request(current.Version + 1, [new(PlaceSex.Female, AgeGroup.Adult, 1)]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PutJsonAsync(url, new EditPlaces.Request(current.Version + 1, [new(PlaceSex.Female, AgeGroup.Adult, 1)]))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task Cutting_places_while_admissions_race_never_leaves_more_residents_than_places(TestApp app)
    {
        var (staff, worker, shelter) = await ShelterAsync(app, places: 15);
        var cases = new List<Guid>();
        foreach (var batch in Enumerable.Range(0, 24).Chunk(8))
            cases.AddRange((await Task.WhenAll(batch.Select(_ => worker.RegisterAsync()))).Select(c => c.Id));

        var admitting = cases.Select(c => Admit(staff, shelter.Id, c)).ToList();
        var cutting = staff.PutJsonAsync($"/api/v1/shelters/{shelter.Id}/places", new EditPlaces.Request(shelter.Version, [new(PlaceSex.Female, AgeGroup.Adult, 8)]));
        var admissions = await Task.WhenAll(admitting);
        var cut = await cutting;

        var places = await app.WithDbAsync(db => db.Set<ShelterPlaces>().SingleAsync(p => p.ShelterId == shelter.Id));
        var open = await app.WithDbAsync(db => db.Set<ShelterPlacement>().IgnoreQueryFilters().CountAsync(p => p.ShelterId == shelter.Id && p.DischargedAt == null));
        var admitted = admissions.Count(a => a.StatusCode == HttpStatusCode.Created);
        Assert.Equal(admitted, open);
        Assert.Equal(open, places.Occupied);
        Assert.True(places.Occupied <= places.Places, $"{places.Occupied} residents in {places.Places} places");
        // The cut either happened (before more than 8 were in) or was refused because more than 8 already were.
        if (cut.StatusCode == HttpStatusCode.OK) Assert.Equal(8, places.Places);
        else Assert.Equal((HttpStatusCode.Conflict, 15), (cut.StatusCode, places.Places));
    }

    [Theory, BothProviders]
    public async Task Occupancy_over_time_counts_stays_day_by_day_and_the_waiting_list_can_be_cleared(TestApp app)
    {
        var (staff, worker, shelter) = await ShelterAsync(app, places: 5);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var a = await worker.RegisterAsync();
        var b = await worker.RegisterAsync();
        // Stays written into the past: one from 5 days ago, ended 2 days ago; one from 3 days ago, still open.
        await app.WithDbAsync(async db =>
        {
            DateTime At(int daysAgo) => today.AddDays(-daysAgo).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc);
            db.Add(new ShelterPlacement { ShelterId = shelter.Id, OrganisationId = shelter.OrganisationId, CaseId = a.Id, CaseReference = a.Reference, AdmittedAt = At(5), DischargedAt = At(2) });
            db.Add(new ShelterPlacement { ShelterId = shelter.Id, OrganisationId = shelter.OrganisationId, CaseId = b.Id, CaseReference = b.Reference, AdmittedAt = At(3) });
            await db.Set<ShelterPlaces>().Where(p => p.ShelterId == shelter.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Occupied, 1));
            return await db.SaveChangesAsync();
        });
        var days = await (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}/occupancy?from={today.AddDays(-6):yyyy-MM-dd}&to={today:yyyy-MM-dd}")).ReadAsync<List<Occupancy.Day>>();
        Assert.Equal([0, 1, 1, 2, 1, 1, 1], days.Select(d => d.Occupied));
        Assert.Equal(today, days[^1].Date);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}/occupancy?from={today:yyyy-MM-dd}&to={today.AddDays(-1):yyyy-MM-dd}")).StatusCode);
        // The page shows the places form and the occupancy to the shelter's staff.
        var page = await staff.GetAsync($"/Shelters/Manage/{shelter.Id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(b.Reference, await page.Content.ReadAsStringAsync());

        var c = await worker.RegisterAsync();
        var waiting = await (await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/waiting-list", new ShelterResidents.WaitRequest(c.Id))).ReadAsync<ShelterResidents.Waiting>();
        Assert.Equal(HttpStatusCode.NoContent, (await staff.PostAsync($"/api/v1/shelters/{shelter.Id}/waiting-list/{waiting.Id}/remove", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PostAsync($"/api/v1/shelters/{shelter.Id}/waiting-list/{waiting.Id}/remove", null)).StatusCode);
        Assert.Empty(await (await staff.GetAsync($"/api/v1/shelters/{shelter.Id}/waiting-list")).ReadAsync<List<ShelterResidents.Waiting>>());
    }

    /// <summary>
    /// Admission and the waiting list read the referred person through a projection (x.Person) that EF still
    /// materialises as an entity, so Disclosure minimises it: without the identity group the birth date is withheld,
    /// and the person must still get a child's place (the age survives withholding) while nothing else leaves.
    /// </summary>
    [Theory, BothProviders]
    public async Task A_referred_child_whose_identity_is_withheld_still_gets_a_childs_place_and_nothing_else(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var holderClient = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var org = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var staff = await app.ClientAsync(Role.ShelterStaff, org.Id);
        var shelter = await (await staff.PostJsonAsync("/api/v1/shelters", new RegisterShelter.Request("Dečja kuća", "Niš", "Tajna 2",
            [new(PlaceSex.Female, AgeGroup.Adult, 2, 0), new(PlaceSex.Female, AgeGroup.Child, 2, 0)]))).ReadAsync<ShelterDetail>();
        var birth = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var request = CaseRequests.New("Mila", "Jovanovska");
        var child = await holderClient.RegisterAsync(request with { Person = request.Person! with { DateOfBirth = birth } });
        Assert.Equal(HttpStatusCode.Created, (await holderClient.PostJsonAsync($"/api/v1/cases/{child.Id}/consents", new RecordConsent.Request(
            ConsentGiver.Guardian, [org.Id], [DataGroup.Health], "Shelter", DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1), "Guardian Name"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await holderClient.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(child.Id, org.Id, [ServiceType.Accommodation]))).StatusCode);

        // The shelter reads the case minimised: no name, no birth date.
        var seen = await (await staff.GetAsync($"/api/v1/cases/{child.Id}")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("Mila", seen);
        Assert.DoesNotContain(birth, seen);

        var waiting = await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/waiting-list", new ShelterResidents.WaitRequest(child.Id));
        Assert.Equal(HttpStatusCode.Created, waiting.StatusCode);
        var admitted = await staff.PostJsonAsync($"/api/v1/shelters/{shelter.Id}/admissions", new AdmitToShelter.Request(child.Id));
        Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
        var body = await admitted.Content.ReadAsStringAsync();
        var placed = System.Text.Json.JsonSerializer.Deserialize<AdmitToShelter.Response>(body, Json.Options)!;
        Assert.Equal((PlaceSex.Female, AgeGroup.Child), (placed.Sex, placed.AgeGroup));
        foreach (var secret in new[] { "Mila", "Jovanovska", birth }) Assert.DoesNotContain(secret, body + await waiting.Content.ReadAsStringAsync());
    }
}
