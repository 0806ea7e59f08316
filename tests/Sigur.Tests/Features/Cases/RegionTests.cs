using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Hotline;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Cases;

/// <summary>A region is a code of the reporting country's regions (MK by default): refused otherwise, shown by name.</summary>
public sealed class RegionTests : IClassFixture<AppPool>
{
    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("errors").Clone();
    }

    [Theory, BothProviders]
    public async Task An_unknown_region_is_refused_on_the_API_naming_the_field_and_nothing_is_written(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        // A town, a region of another country (Serbia's Vojvodina) and a code in the wrong case: none is one of MK's regions.
        foreach (var region in new[] { "Tetovo", "RS12", "mk006" })
        {
            var request = CaseRequests.New() with { Case = CaseRequests.New().Case with { Region = region } };
            var errors = await ErrorsOf(await worker.PostJsonAsync("/api/v1/cases", request));
            Assert.Equal("case.region", Assert.Single(errors.EnumerateObject()).Name);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync(c => c.OrganisationId == org.Id)));

        var created = await worker.RegisterAsync(CaseRequests.New() with { Case = CaseRequests.New().Case with { Region = "MK006" } });
        var detail = await (await worker.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<CaseDetail>();
        Assert.Equal(("MK006", "Polog"), (detail.Region, detail.RegionName));
        var edited = await worker.PutJsonAsync($"/api/v1/cases/{created.Id}", new EditCase.Request(detail.Version, detail.Person.Version,
            CaseRequests.New().Case with { Region = "Kumanovo" }, CaseRequests.New().Person!));
        Assert.Equal("case.region", Assert.Single((await ErrorsOf(edited)).EnumerateObject()).Name);
        Assert.Equal("MK006", await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Where(c => c.Id == created.Id).Select(c => c.Region).SingleAsync()));

        var hotline = await app.ClientAsync(Role.HotlineOperator, org.Id);
        var contact = await hotline.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.Call, CallerType.PossibleVictim, Region: "Ohrid"));
        Assert.Equal("region", Assert.Single((await ErrorsOf(contact)).EnumerateObject()).Name);
        Assert.Equal(0, await app.WithDbAsync(db => db.HotlineContacts().IgnoreQueryFilters().CountAsync(c => c.OrganisationId == org.Id)));
    }

    [Theory, BothProviders]
    public async Task A_region_is_shown_by_its_name_in_the_interface_language(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        var created = await worker.RegisterAsync(CaseRequests.New() with { Case = CaseRequests.New().Case with { Region = "MK006" } });

        foreach (var (culture, name) in new[] { ("en", "Polog"), ("mk", "Полошки"), ("sr-Cyrl", "Полошки"), ("sr-Latn", "Pološki"), ("sq", "Pollogu") })
        {
            var details = await Pages.ReadAsync(worker, $"/Cases/Details/{created.Id}", culture);
            Assert.Contains($"<dd>{name}</dd>", details);
            Assert.DoesNotContain("<dd>MK006</dd>", details);
        }
        // The statistics table counts by code and reads the region by name.
        var data = new Statistics.StatisticsData(app, org);
        await data.ManyAsync(1, new DateOnly(2025, 2, 1));
        var analyst = await app.ClientAsync(Role.Analyst, (await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice)).Id);
        // Through EF, as an edit would, so that the statistics journal sees the change.
        await app.WithDbAsync(async db =>
        {
            foreach (var c in await db.Cases.IgnoreQueryFilters().Where(c => c.OrganisationId == org.Id).ToListAsync()) c.Region = "MK006";
            return await db.SaveChangesAsync();
        });
        var table = await Pages.ReadAsync(analyst, "/Statistics/Table?rows=region&cols=sex", "sr-Latn");
        Assert.Contains("<th scope=\"row\">MK006 Pološki</th>", table);

        // The edit form offers the country's regions by name, the case's own chosen.
        var edit = await Pages.ReadAsync(worker, $"/Cases/Edit/{created.Id}", "sq");
        Assert.Contains("<option selected=\"selected\" value=\"MK006\">Pollogu</option>", edit);
        Assert.Contains("<option value=\"MK008\">Shkupi</option>", edit);
    }
}
