using System.Text.RegularExpressions;
using Sigur.Features.Hotline;
using Sigur.Platform;
using Sigur.Tests.Features.Identification;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Hotline;

/// <summary>The hotline pages without JavaScript: several contacts about one situation become one case.</summary>
public sealed partial class HotlinePagesTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task An_operator_turns_two_contacts_into_one_case_on_the_contact_page(TestApp app)
    {
        var hotline = await app.ClientAsync(Role.HotlineOperator, (await app.NewOrganisationAsync()).Id);
        async Task<LogContact.Response> Log(CallerType caller) =>
            await (await hotline.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.Call, caller, Region: "MK003"))).ReadAsync<LogContact.Response>();
        var mother = await Log(CallerType.Family);
        var witness = await Log(CallerType.Witness);
        var unrelated = await Log(CallerType.Professional);

        var url = $"/Hotline/Contact/{mother.Id}";
        var form = await Pages.ReadAsync(hotline, url);
        Assert.Contains($"name=\"AlsoContacts\" value=\"{witness.Id}\"", form);
        var casePage = await IdentificationPagesTests.Post(hotline, url, url,
            [new("GivenName", "Elena"), new("FamilyName", "Stojanovska"), new("AlsoContacts", witness.Id.ToString())]);
        var caseId = Guid.Parse(CaseLink().Match(casePage).Groups[1].Value);

        var linked = await (await hotline.GetAsync($"/api/v1/hotline/contacts?caseId={caseId}")).ReadAsync<ListContacts.Response>();
        Assert.Equal([mother.Id, witness.Id], linked.Items.Select(i => i.Id).Order());
        Assert.Null((await (await hotline.GetAsync($"/api/v1/hotline/contacts/{unrelated.Id}")).ReadAsync<ListContacts.Detail>()).CaseId);
    }

    [GeneratedRegex("href=\"/Cases/Details/([0-9a-f-]{36})\"")]
    private static partial Regex CaseLink();
}
