using System.Net;
using Sigur.Features.Referrals;
using Sigur.Features.Services;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Services;

public sealed class ServiceDirectoryTests : IClassFixture<AppPool>
{
    private static EditService.Request Counselling(string region) => new(ServiceType.Psychological, "Counselling for women and girls", region, ["mk", "sq", "en"],
        true, false, true, true, "Mon–Fri 09–17", "+389 2 3100 000", 12);

    [Theory, BothProviders]
    public async Task A_search_finds_services_by_type_region_language_and_whom_they_serve(TestApp app)
    {
        var ngo = await app.NewOrganisationAsync();
        var worker = await app.ClientAsync(Role.CaseWorker, ngo.Id);
        var region = $"Region{Guid.NewGuid():N}"[..16];
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync("/api/v1/services", Counselling(region))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync("/api/v1/services", Counselling(region) with
        {
            Type = ServiceType.Legal, Name = "Legal aid for men", Languages = ["sr"], ServesFemale = false, ServesMale = true, ServesChildren = false,
        })).StatusCode);

        // Any signed-in user searches, a police investigator included.
        var police = await app.ClientAsync(Role.PoliceInvestigator, (await app.NewOrganisationAsync(OrganisationType.Police)).Id);
        async Task<List<ServiceView>> Search(string query) => await (await police.GetAsync($"/api/v1/services?region={region}{query}")).ReadAsync<List<ServiceView>>();
        Assert.Equal(2, (await Search("")).Count);
        var psychological = Assert.Single(await Search("&type=Psychological"));
        Assert.Equal(ngo.Id, psychological.OrganisationId);
        Assert.Equal(12, psychological.Capacity);
        Assert.Equal("Legal aid for men", Assert.Single(await Search("&language=sr")).Name);
        Assert.Single(await Search("&child=true"));
        Assert.Single(await Search("&female=true"));
        Assert.Single(await Search("&text=LEGAL"));
        Assert.Empty(await Search("&language=de"));
    }

    [Theory, BothProviders]
    public async Task An_organisation_edits_only_its_own_entries_and_administrators_any(TestApp app)
    {
        var owner = await app.NewOrganisationAsync();
        var stranger = await app.NewOrganisationAsync();
        var ownerClient = await app.ClientAsync(Role.CaseWorker, owner.Id);
        var strangerClient = await app.ClientAsync(Role.ShelterStaff, stranger.Id);
        var admin = await app.ClientAsync(Role.Administrator, stranger.Id);
        var entry = await (await ownerClient.PostJsonAsync("/api/v1/services", Counselling("Skopje"))).ReadAsync<ServiceView>();

        // Naming another organisation does not let a non-administrator add to its entries.
        var own = await (await strangerClient.PostJsonAsync("/api/v1/services", Counselling("Tetovo") with { OrganisationId = owner.Id })).ReadAsync<ServiceView>();
        Assert.Equal(stranger.Id, own.OrganisationId);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.PutJsonAsync($"/api/v1/services/{entry.Id}", Counselling("Tetovo"))).StatusCode);

        var changed = await admin.PutJsonAsync($"/api/v1/services/{entry.Id}", Counselling("Bitola") with { Capacity = 20, Version = entry.Version });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(owner.Id, (await changed.ReadAsync<ServiceView>()).OrganisationId);

        // The owner still holds the old version: 409, and the administrator's change stands.
        Assert.Equal(HttpStatusCode.Conflict, (await ownerClient.PutJsonAsync($"/api/v1/services/{entry.Id}", Counselling("Ohrid") with { Version = entry.Version })).StatusCode);
        var now = await (await ownerClient.GetAsync($"/api/v1/services/{entry.Id}")).ReadAsync<ServiceView>();
        Assert.Equal(("Bitola", 20), (now.Region, now.Capacity));

        var adminEntry = await (await admin.PostJsonAsync("/api/v1/services", Counselling("Ohrid") with { OrganisationId = owner.Id })).ReadAsync<ServiceView>();
        Assert.Equal(owner.Id, adminEntry.OrganisationId);
    }

    [Theory, BothProviders]
    public async Task Bad_entries_are_refused_naming_the_field(TestApp app)
    {
        var client = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        foreach (var (request, field) in new[]
        {
            (Counselling("Skopje") with { Name = "" }, "name"),
            (Counselling("Skopje") with { Languages = ["macedonian"] }, "languages"),
            (Counselling("Skopje") with { ServesFemale = false, ServesMale = false }, "servesFemale"),
            (Counselling("Skopje") with { ServesAdults = false, ServesChildren = false }, "servesAdults"),
            (Counselling("Skopje") with { Capacity = -1 }, "capacity"),
        })
        {
            var response = await client.PostJsonAsync("/api/v1/services", request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        }
    }
}
