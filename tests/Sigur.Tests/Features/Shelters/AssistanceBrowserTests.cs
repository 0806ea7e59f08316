using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sigur.Data;
using Sigur.Features.Fund;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Shelters;

/// <summary>
/// A case through referral, shelter and fund in Chromium, as four people of three organisations who each sign in
/// with password and authenticator code: the social worker refers the case to a shelter, the shelter's staff accept
/// and admit the person, the social worker asks the fund to pay a cost, and a fund officer approves it.
/// </summary>
public sealed class AssistanceBrowserTests
{
    [Fact(Timeout = 300_000)]
    public async Task Refer_to_a_shelter_accept_admit_then_request_and_approve_a_disbursement_as_two_people()
    {
        await using var host = await BrowserHost.StartAsync();
        var services = host.Services;
        var worker = await host.AccountAsync(Role.CaseWorker, "worker.kumanovo", type: OrganisationType.SocialWorkCentre, organisationName: "Social work centre Kumanovo");
        var staff = await host.AccountAsync(Role.ShelterStaff, "staff.opengate", type: OrganisationType.ShelterOperator, organisationName: "Open Gate shelter");
        var officer = await host.AccountAsync(Role.FundOfficer, "officer.fund", type: OrganisationType.NationalCoordinatorOffice, organisationName: "National coordinator's office");
        var shelterOrg = staff.OrganisationId;
        var shelterId = await ShelterAsync(services, shelterOrg);
        await GrantAsync(services, officer.OrganisationId);
        // The social worker registers the case, records the person's consent for the shelter, and refers.
        var w = await host.PageForAsync(worker);
        await w.GotoAsync("/Cases/New");
        await w.FillAsync("#Form_GivenName", "Ana");
        await w.FillAsync("#Form_FamilyName", "Stojanovska");
        await w.SelectOptionAsync("#Form_Sex", "Female");
        await w.SelectOptionAsync("#Form_IntakeChannel", "Hotline");
        await w.CheckAsync("input[name='Form.FormsOfExploitation'][value='ForcedBegging']");
        await w.ClickAsync("main button[type=submit]");
        await Expect(w).ToHaveURLAsync(new Regex("/Cases/Details/[0-9a-f-]{36}$"));
        var caseId = Guid.Parse(w.Url[^36..]);
        var reference = (await w.Locator("h1").TextContentAsync())!.Replace("Case", "", StringComparison.Ordinal).Trim();

        await w.GotoAsync($"/Referrals/Refer/{caseId}");
        await w.SelectOptionAsync("#Recipients", shelterOrg.ToString());
        await w.CheckAsync("input[name='Groups'][value='Identity']");
        await w.FillAsync("#Purpose", "Safe accommodation");
        await w.FillAsync("#ValidUntil", DateTime.UtcNow.AddMonths(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await w.ClickAsync("form[action*='handler=Consent'] button[type=submit]");
        await Expect(w.Locator("p.notice")).ToContainTextAsync("Saved.");
        await w.SelectOptionAsync("#Recipient", shelterOrg.ToString());
        await w.CheckAsync("input[name='Services'][value='Accommodation']");
        await w.ClickAsync("form[action*='handler=Refer'] button[type=submit]");
        await Expect(w.Locator("section[aria-labelledby=referrals] table")).ToContainTextAsync("Open Gate shelter");

        // The shelter's staff accept the referral and admit the person.
        var s = await host.PageForAsync(staff);
        await s.GotoAsync("/Referrals/Inbox");
        var incoming = s.Locator("section[aria-labelledby=incoming] tr", new PageLocatorOptions { HasText = reference });
        await incoming.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Accept" }).ClickAsync();
        await Expect(s.Locator("p.notice")).ToContainTextAsync("The referral was updated.");
        await Expect(s.Locator("section[aria-labelledby=incoming] tr", new PageLocatorOptions { HasText = reference })).ToContainTextAsync("Accepted");
        await s.GotoAsync($"/Shelters/Manage/{shelterId}");
        await s.FillAsync("#admit-reference", reference);
        await s.ClickAsync("#admit");
        await Expect(s.Locator("p.notice")).ToContainTextAsync("The person was admitted.");
        await Expect(s.Locator("table.residents")).ToContainTextAsync(reference);

        // The social worker asks the fund to pay for medicines…
        await w.GotoAsync("/Fund");
        await w.FillAsync("#CaseReference", reference);
        await w.FillAsync("#Amount", "45.50");
        await w.FillAsync("#Purpose", "Prescribed medicines");
        await w.FillAsync("#Supplier", "Apteka Zdravje");
        await w.FillAsync("#ReceiptReference", "F-2026-0042");
        await w.ClickAsync("form[action*='handler=Request'] button[type=submit]");
        await Expect(w.Locator("p.notice")).ToContainTextAsync("The request was sent to the fund.");
        // …which the requester cannot approve herself: there is no button for her.
        var own = w.Locator("table.disbursements tr", new PageLocatorOptions { HasText = "F-2026-0042" });
        await Expect(own).ToContainTextAsync("Requested");
        await Expect(own.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Approve" })).ToHaveCountAsync(0);

        // A fund officer, the second pair of eyes, approves it.
        var o = await host.PageForAsync(officer);
        await o.GotoAsync("/Fund");
        var row = o.Locator("table.disbursements tr", new PageLocatorOptions { HasText = "F-2026-0042" });
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Approve" }).ClickAsync();
        await Expect(o.Locator("p.notice")).ToContainTextAsync("The request was decided.");
        await Expect(o.Locator("table.disbursements tr", new PageLocatorOptions { HasText = "F-2026-0042" })).ToContainTextAsync("Approved");
        // The officer decides and asks nothing of the fund; the donor's report downloads (it used to reload the page).
        await Expect(o.Locator("#ask-the-fund")).ToHaveCountAsync(0);
        await o.FillAsync("#report-from", "2026-01-01");
        var download = await o.RunAndWaitForDownloadAsync(() => o.ClickAsync("#donor-report button[type=submit]"));
        Assert.Matches(@"^donor-report-20260101-\d{8}\.xlsx$", download.SuggestedFilename);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var d = await db.Set<Disbursement>().IgnoreQueryFilters().SingleAsync(x => x.CaseId == caseId);
        Assert.Equal((DisbursementStatus.Approved, 4_550L, worker.UserId, officer.UserId), (d.Status, d.Amount, d.RequestedBy, d.DecidedBy!.Value));
        var stay = await db.Set<ShelterPlacement>().IgnoreQueryFilters().SingleAsync(x => x.CaseId == caseId);
        Assert.Equal((shelterId, (DateTime?)null), (stay.ShelterId, stay.DischargedAt));
        await host.AssertAccessibleAsync();
    }

    private static async Task<Guid> ShelterAsync(IServiceProvider services, Guid organisationId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var shelter = new Shelter { OrganisationId = organisationId, Name = "Open Gate", Region = "Kumanovo", Address = "Secret street 1" };
        db.Add(shelter);
        db.Add(new ShelterPlaces { ShelterId = shelter.Id, Sex = PlaceSex.Female, AgeGroup = AgeGroup.Adult, Places = 15 });
        await db.SaveChangesAsync();
        return shelter.Id;
    }

    private static async Task GrantAsync(IServiceProvider services, Guid fundOrganisationId)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var donor = new Donor { OrganisationId = fundOrganisationId, Name = "Donor Foundation" };
        var grant = new Grant { OrganisationId = fundOrganisationId, DonorId = donor.Id, Name = "Direct assistance 2026", Amount = 1_000_000, Currency = "EUR",
            PeriodStart = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), PeriodEnd = new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc) };
        db.AddRange(donor, grant, new BudgetLine { OrganisationId = fundOrganisationId, GrantId = grant.Id, Category = AssistanceCategory.Medical, Amount = 500_000, Currency = "EUR" });
        await db.SaveChangesAsync();
    }
}
