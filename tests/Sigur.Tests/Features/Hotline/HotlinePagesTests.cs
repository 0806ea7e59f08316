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

        // The log names the case by its reference, the one the shift quotes.
        var reference = await app.WithDbAsync(db => Task.FromResult(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Cases).Where(c => c.Id == caseId).Select(c => c.Reference).Single()));
        var log = await Pages.ReadAsync(hotline, "/Hotline", "en");
        Assert.Contains($"<a href=\"/Cases/Details/{caseId}\">{reference}</a>", log);

        var linked = await (await hotline.GetAsync($"/api/v1/hotline/contacts?caseId={caseId}")).ReadAsync<ListContacts.Response>();
        Assert.Equal([mother.Id, witness.Id], linked.Items.Select(i => i.Id).Order());
        Assert.Null((await (await hotline.GetAsync($"/api/v1/hotline/contacts/{unrelated.Id}")).ReadAsync<ListContacts.Detail>()).CaseId);
    }

    [Theory, BothProviders]
    public async Task An_anonymous_contact_is_logged_without_whatever_the_hidden_call_back_field_held(TestApp app)
    {
        var hotline = await app.ClientAsync(Role.HotlineOperator, (await app.NewOrganisationAsync()).Id);
        var form = await Pages.ReadAsync(hotline, "/Hotline", "en");
        // The switch and the field it hides are siblings, as sigur.css's rule needs.
        Assert.Matches("<div class=\"field check anonymous-switch\">.*</div>\\s*<div class=\"field callback\">", form);

        var logged = await IdentificationPagesTests.Post(hotline, "/Hotline", "/Hotline",
            [new("Form.Channel", "Call"), new("Form.CallerType", "Witness"), new("Form.Urgency", "Routine"), new("Form.Region", "MK004"), new("Form.Outcome", "InformationGiven"),
             new("Form.Anonymous", "true"), new("Form.CallerContact", "typed before the switch: 070 123 456"), new("Form.WhatHappened", "Saw workers locked in at night.")]);
        Assert.Contains("logged", logged);
        var contacts = await (await hotline.GetAsync("/api/v1/hotline/contacts")).ReadAsync<ListContacts.Response>();
        var detail = await (await hotline.GetAsync($"/api/v1/hotline/contacts/{contacts.Items[0].Id}")).ReadAsync<ListContacts.Detail>();
        Assert.True(detail.Anonymous);
        Assert.Equal("", detail.CallerContact);
    }

    [GeneratedRegex("href=\"/Cases/Details/([0-9a-f-]{36})\"")]
    private static partial Regex CaseLink();
}
