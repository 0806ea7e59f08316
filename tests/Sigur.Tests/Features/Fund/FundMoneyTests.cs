using System.Net;
using System.Text.RegularExpressions;
using Sigur.Features.Fund;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Fund;

/// <summary>Money never overflows: every amount has a range (400 beyond it) and no balance fails, however large the amounts.</summary>
public sealed partial class FundMoneyTests : IClassFixture<AppPool>
{
    private static readonly DateOnly Start = new(2026, 1, 1), End = new(2026, 12, 31);

    [Theory, BothProviders]
    public async Task Amounts_beyond_the_range_are_refused_and_the_budget_still_answers(TestApp app)
    {
        var fundOrg = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var officer = await app.ClientAsync(Role.FundOfficer, fundOrg.Id);
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre)).Id);
        var c = await worker.RegisterAsync();
        var donor = await (await officer.PostJsonAsync("/api/v1/fund/donors", new ManageGrants.DonorRequest("Donor"))).ReadAsync<ManageGrants.DonorView>();

        // A grant with two lines at the largest long: 400, not 500.
        var huge = await officer.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "Huge", long.MaxValue, "EUR", Start, End,
            [new(AssistanceCategory.Medical, long.MaxValue), new(AssistanceCategory.Food, long.MaxValue)]));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "Just over", Money.MaxAmount + 1,
            "EUR", Start, End, [new(AssistanceCategory.Medical, 1)]))).StatusCode);

        // At the bound everything is accepted.
        var created = await officer.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "Largest", Money.MaxAmount, "EUR", Start, End,
            [new(AssistanceCategory.Medical, Money.MaxAmount)]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var line = (await created.ReadAsync<GrantView>()).Lines.Single();

        RequestDisbursement.Request Ask(long amount, string receipt) => new(c.Id, line.Id, amount, "EUR", "Rent", "Landlord", receipt);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync("/api/v1/fund/disbursements", Ask(long.MaxValue, "A"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync("/api/v1/fund/disbursements", Ask(long.MaxValue, "B"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await worker.PostJsonAsync("/api/v1/fund/disbursements", Ask(Money.MaxAmount + 1, "C"))).StatusCode);
        // Many requests at the bound are pending at once: their sum is beyond what one amount may be, and still shown.
        for (var i = 0; i < 12; i++)
            Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync("/api/v1/fund/disbursements", Ask(Money.MaxAmount, $"M-{i}"))).StatusCode);

        var budget = await officer.GetAsync("/api/v1/fund/budget");
        Assert.Equal(HttpStatusCode.OK, budget.StatusCode);
        var shown = (await budget.ReadAsync<List<GrantView>>()).Single(g => g.Name == "Largest");
        Assert.Equal(12 * Money.MaxAmount, shown.Pending);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Fund")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/Fund")).StatusCode);
    }

    [Theory, BothProviders]
    public async Task The_fund_page_refuses_an_amount_too_large_for_a_long(TestApp app)
    {
        var fundOrg = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var officer = await app.ClientAsync(Role.FundOfficer, fundOrg.Id);
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre)).Id);
        var c = await worker.RegisterAsync();
        var donor = await (await officer.PostJsonAsync("/api/v1/fund/donors", new ManageGrants.DonorRequest("Donor"))).ReadAsync<ManageGrants.DonorView>();
        var grant = await (await officer.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "G", 1_000_000, "EUR", Start, End,
            [new(AssistanceCategory.Medical, 1_000_000)]))).ReadAsync<GrantView>();

        var page = await (await worker.GetAsync("/Fund")).Content.ReadAsStringAsync();
        var token = Token().Match(page).Groups[1].Value;
        foreach (var amount in new[] { "92233720368547758.07", "99999999999999999999999", "10000000000.01" })
        {
            var response = await worker.PostAsync("/Fund?handler=Request", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["CaseReference"] = c.Reference, ["BudgetLineId"] = grant.Lines.Single().Id.ToString(), ["Amount"] = amount, ["Purpose"] = "Rent",
                ["Supplier"] = "Landlord", ["ReceiptReference"] = "R-" + amount, ["__RequestVerificationToken"] = token,
            }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the form again, with the message
            Assert.Contains("at most 1,000,000,000,000", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        var disbursements = await (await worker.GetAsync("/api/v1/fund/disbursements")).ReadAsync<List<DisbursementView>>();
        Assert.Empty(disbursements);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
