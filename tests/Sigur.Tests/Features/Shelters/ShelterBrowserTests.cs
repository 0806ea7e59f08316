using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Shelters;

/// <summary>
/// In Chromium, through the pages alone: a shelter's staff register their shelter with places by sex and age group and
/// admit a person; the coordinator's office registers a shelter for the organisation that runs it.
/// </summary>
public sealed class ShelterBrowserTests
{
    [Fact(Timeout = 300_000)]
    public async Task Shelter_staff_register_their_shelter_with_places_by_sex_and_age_group_and_admit_a_person()
    {
        await using var host = await BrowserHost.StartAsync();
        var staff = await host.AccountAsync(Role.ShelterStaff, "staff.register", type: OrganisationType.ShelterOperator, organisationName: "Safe House Bitola");
        var reference = await CaseOfAsync(host, staff.OrganisationId);
        var page = host.Page;
        await host.SignInAsync(staff);

        await page.ClickAsync("nav a[href='/Shelters']");
        await page.ClickAsync("#register-link");
        await Expect(page.Locator("#OrganisationId")).ToHaveCountAsync(0); // staff register their own organisation's shelter
        await page.FillAsync("#Name", "Safe House Bitola");
        await page.FillAsync("#Region", "Bitola");
        await page.FillAsync("#Address", "Undisclosed street 4");
        await page.FillAsync("#places-0", "6"); // women
        await page.FillAsync("#places-1", "2"); // girls
        await BrowserHost.AssertAccessibleAsync(page);
        await page.ClickAsync("#register");
        await Expect(page).ToHaveURLAsync(new Regex("/Shelters/Manage/[0-9a-f-]{36}$"));
        await Expect(page.Locator("p.notice")).ToContainTextAsync("The shelter was registered.");
        await Expect(page.Locator("#places-0")).ToHaveValueAsync("6");
        await Expect(page.Locator("#places-1")).ToHaveValueAsync("2");
        await Expect(page.Locator("#places-2")).ToHaveValueAsync("0");

        await page.FillAsync("#admit-reference", reference);
        await page.ClickAsync("#admit");
        await Expect(page.Locator("p.notice")).ToContainTextAsync("The person was admitted.");
        await Expect(page.Locator("table.residents")).ToContainTextAsync(reference);
        await BrowserHost.AssertAccessibleAsync(page);

        await page.ClickAsync("nav a[href='/Shelters']");
        await Expect(page.Locator("main table")).ToContainTextAsync("Women, Adult: 1 / 6");

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var shelter = await db.Set<Shelter>().AsNoTracking().SingleAsync(s => s.Name == "Safe House Bitola");
        Assert.Equal((staff.OrganisationId, "Undisclosed street 4"), (shelter.OrganisationId, shelter.Address));
        var places = await db.Set<ShelterPlaces>().AsNoTracking().Where(p => p.ShelterId == shelter.Id).OrderBy(p => p.AgeGroup).ToListAsync();
        Assert.Equal([(PlaceSex.Female, AgeGroup.Adult, 6, 1), (PlaceSex.Female, AgeGroup.Child, 2, 0)], places.Select(p => (p.Sex, p.AgeGroup, p.Places, p.Occupied)));
    }

    [Fact(Timeout = 300_000)]
    public async Task The_coordinators_office_registers_a_shelter_for_the_organisation_that_runs_it()
    {
        await using var host = await BrowserHost.StartAsync();
        var coordinator = await host.AccountAsync(Role.NationalCoordinator, "coordinator.shelters", type: OrganisationType.NationalCoordinatorOffice, organisationName: "Coordinator's office");
        var runner = await host.AccountAsync(Role.ShelterStaff, "staff.runner", type: OrganisationType.ShelterOperator, organisationName: "Open Gate");
        var page = host.Page;
        await host.SignInAsync(coordinator);
        await page.ClickAsync("nav a[href='/Shelters']");
        await page.ClickAsync("#register-link");
        await page.SelectOptionAsync("#OrganisationId", runner.OrganisationId.ToString());
        await page.FillAsync("#Name", "Open Gate Kumanovo");
        await page.FillAsync("#Address", "Undisclosed 9");
        await page.FillAsync("#places-2", "4"); // men
        await BrowserHost.AssertAccessibleAsync(page);
        await page.ClickAsync("#register");
        await Expect(page.Locator("p.notice")).ToContainTextAsync("The shelter was registered.");
        await using var scope = host.Services.CreateAsyncScope();
        var shelter = await scope.ServiceProvider.GetRequiredService<SigurDb>().Set<Shelter>().AsNoTracking().SingleAsync(s => s.Name == "Open Gate Kumanovo");
        Assert.Equal(runner.OrganisationId, shelter.OrganisationId);
    }

    /// <summary>A woman's case held by the shelter's organisation (arranged in the database: shelter staff register no cases).</summary>
    private static async Task<string> CaseOfAsync(BrowserHost host, Guid organisationId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var person = new Person { OrganisationId = organisationId, GivenName = "Elena", FamilyName = "Ristova", Sex = Sex.Female, DateOfBirth = "1994", CreatedAt = DateTime.UtcNow };
        var c = new Case { Reference = "2026-900001", OrganisationId = organisationId, PersonId = person.Id, IntakeDate = DateTime.UtcNow.Date, RegisteredAt = DateTime.UtcNow };
        db.Persons.Add(person);
        db.Cases.Add(c);
        await db.SaveChangesAsync();
        return c.Reference;
    }
}
