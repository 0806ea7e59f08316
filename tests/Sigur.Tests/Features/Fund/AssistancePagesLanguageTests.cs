using System.Net;
using Sigur.Features.Fund;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Fund;

/// <summary>The fund, shelter and referral pages speak the user's language, code-list labels included.</summary>
public sealed class AssistancePagesLanguageTests : IClassFixture<AppPool>
{
    private static async Task<string> PageIn(HttpClient client, string url, string culture)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(culture);
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    [Theory, BothProviders]
    public async Task The_fund_shelter_and_referral_pages_render_translated(TestApp app)
    {
        var fund = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var officer = await app.ClientAsync(Role.FundOfficer, fund.Id);
        var donor = await (await officer.PostJsonAsync("/api/v1/fund/donors", new ManageGrants.DonorRequest("Donor"))).ReadAsync<ManageGrants.DonorView>();
        await officer.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "Grant", 1000, "EUR", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
            [new(AssistanceCategory.Medical, 1000)]));

        var mk = await PageIn(officer, "/Fund", "mk");
        Assert.Contains("Фонд за директна помош", mk);
        Assert.Contains("Медицинска помош", mk); // AssistanceCategory.Medical
        Assert.DoesNotContain("Direct Assistance Fund", mk);
        var en = await PageIn(officer, "/Fund", "en");
        Assert.Contains(">Medical<", en);
        Assert.DoesNotContain("AssistanceCategory.", en);
        Assert.Contains("31/12/2026", en); // English dates day first, as everyone in the region reads them
        Assert.DoesNotContain("12/31/2026", en);

        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        Assert.Contains("Strehimoret", await PageIn(worker, "/Shelters", "sq"));
        var latin = await PageIn(worker, "/Referrals/Inbox", "sr-Latn");
        Assert.Contains("Poslato nama", latin);
        Assert.DoesNotContain("Sent to us", latin);
        Assert.Contains("Упућивања", await PageIn(worker, "/Referrals/Inbox", "sr-Cyrl"));
    }
}
