using System.Net;
using System.Text.RegularExpressions;
using Sigur.Features.Justice;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Justice;

/// <summary>The Justice pages render for the roles they are for, keep suspects from case workers, and post through the use cases.</summary>
public sealed partial class JusticePagesTests : IClassFixture<AppPool>
{
    private static async Task<string> Page(HttpClient client, string url) => WebUtility.HtmlDecode(await Pages.ReadAsync(client, url));

    private static async Task<string> Post(HttpClient client, string url, Dictionary<string, string> form, params (string, string)[] repeated)
    {
        var page = await Page(client, url);
        var token = Token().Match(page).Groups[1].Value;
        var fields = form.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).Concat(repeated.Select(r => new KeyValuePair<string, string>(r.Item1, r.Item2)))
            .Append(new("__RequestVerificationToken", token));
        var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));
        if (response.StatusCode == HttpStatusCode.Redirect) return await Page(client, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Chooses the interface language as a user does, with the switcher in the page header (it sets the culture cookie).</summary>
    private static async Task ChooseLanguage(HttpClient client, string culture)
    {
        var token = Token().Match(await Page(client, "/Justice")).Groups[1].Value;
        var response = await client.PostAsync("/Account/Culture", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["culture"] = culture, ["returnUrl"] = "/Justice", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [Theory, BothProviders]
    public async Task Police_work_a_case_through_the_pages_and_a_case_worker_sees_only_the_victims_side(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.Police);
        var police = await app.ClientAsync(Role.PoliceInvestigator, org.Id);
        var c = await police.RegisterAsync();

        Assert.Contains("Criminal justice", await Page(police, "/Justice"));
        // The helper starts from the case: the case's "FalsePromises" becomes the statutory means "deception".
        var helper = await Page(police, $"/Justice/Qualify?caseId={c.Id}");
        Assert.Matches("value=\"deception\" checked", helper);
        var advice = await Post(police, $"/Justice/Qualify?caseId={c.Id}", new() { ["Country"] = "RS", ["OffenceDate"] = "2026-03-01", ["VictimAge"] = "27",
            ["BorderCrossing"] = "yes" }, ("Acts", "recruit"), ("Means", "deception"), ("Purposes", "ForcedLabour"));
        Assert.Contains("art. 388 para. 1", advice);
        Assert.Contains("imprisonment from 2 years to 10 years", advice);

        var suspect = await Post(police, "/Justice/Suspects", new() { ["GivenName"] = "Dragan", ["FamilyName"] = "Marković", ["Sex"] = "Male", ["Citizenships"] = "RS" });
        Assert.Contains("Dragan Marković", suspect);
        var suspectId = SuspectLink().Match(suspect).Groups[1].Value;
        var linked = await Post(police, $"/Justice/Suspect/{suspectId}?handler=Link", new() { ["CaseReference"] = c.Reference, ["RelationToVictim"] = "Acquainted" },
            ("RolesInProcess", "Exploiter"));
        Assert.Contains(c.Reference, linked);

        var opened = await Post(police, $"/Justice/Case/{c.Id}?handler=Open", new() { ["Country"] = "RS", ["Stage"] = "PoliceInvestigation", ["Date"] = "2026-03-02", ["Reference"] = "KU-1/26" });
        Assert.Contains("KU-1/26", opened);
        var proceedingUrl = ProceedingLink().Match(await Page(police, $"/Justice/Case/{c.Id}")).Value;
        var skipped = await Post(police, proceedingUrl + "?handler=Stage", new() { ["Version"] = "0", ["NextStage"] = "Indictment", ["Date"] = "2026-03-03" });
        Assert.Contains("can only move to", skipped);
        var moved = await Post(police, proceedingUrl + "?handler=Stage", new() { ["Version"] = "0", ["NextStage"] = "CriminalComplaint", ["Date"] = "2026-03-03" });
        Assert.Contains("Criminal complaint", moved);
        // Several forms on one page: each element id once (labels and scripts find the element by it).
        var ids = Regex.Matches(moved, "\\sid=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(ids);
        Assert.Empty(ids.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key));

        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        var victimSide = await Page(worker, $"/Justice/Case/{c.Id}");
        Assert.Contains("Criminal complaint", victimSide);
        Assert.DoesNotContain("Marković", victimSide);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/Justice/Suspects")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync($"/Justice/Suspect/{suspectId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(proceedingUrl)).StatusCode);
        Assert.Contains("/Justice/Case/", await Page(worker, $"/Cases/Details/{c.Id}"));
    }

    [Theory, BothProviders]
    public async Task A_proceeding_offers_its_countrys_currency_and_takes_amounts_in_normal_units(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.Police);
        var police = await app.ClientAsync(Role.PoliceInvestigator, org.Id);
        var c = await police.RegisterAsync();
        await Post(police, $"/Justice/Case/{c.Id}?handler=Open", new() { ["Country"] = "MK", ["Stage"] = "PoliceInvestigation", ["Date"] = "2026-03-02", ["Reference"] = "MK-1/26" });
        var url = ProceedingLink().Match(await Page(police, $"/Justice/Case/{c.Id}")).Value;

        var page = await Page(police, url);
        Assert.Matches("id=\"Currency\"[^>]*value=\"MKD\"", page);
        Assert.DoesNotContain("minor units", page);
        var saved = await Post(police, url + "?handler=Edit", new() { ["Version"] = "0", ["Edit.ConfiscationDescription"] = "Van", ["Confiscated"] = "1250.50",
            ["Edit.ConfiscatedCurrency"] = "MKD" });
        Assert.Contains($"Van {Currencies.Show(125_050, "MKD")}", saved);
        var stored = await app.WithDbAsync(db => Task.FromResult(Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Set<Proceeding>())
            .Single(p => p.CaseId == c.Id)));
        Assert.Equal((125_050L, "MKD"), (stored.ConfiscatedMinor!.Value, stored.ConfiscatedCurrency!));
        Assert.Matches("id=\"Confiscated\"[^>]*value=\"1250[.,]5", saved);
    }

    /// <summary>
    /// Under Macedonian the pages, stage names and the helper's reasoning are Macedonian, and a North Macedonian penalty
    /// not yet confirmed from the Official Gazette (art. 418-b) is marked as such, in either language.
    /// </summary>
    [Theory, BothProviders]
    public async Task Justice_pages_and_the_helpers_reasoning_are_in_Macedonian_and_unconfirmed_penalties_say_so(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.Police);
        var police = await app.ClientAsync(Role.PoliceInvestigator, org.Id);
        var c = await police.RegisterAsync();
        var smuggling = new Dictionary<string, string> { ["Country"] = "MK", ["OffenceDate"] = "2026-03-01", ["BorderCrossing"] = "yes", ["MaterialGain"] = "yes",
            ["ForeignNational"] = "yes" };

        var english = await Post(police, "/Justice/Qualify", smuggling, ("Acts", "facilitateIrregularCrossing"));
        Assert.Contains("art. 418-b para. 1", english);
        Assert.Contains("Penalty to be confirmed", english);
        Assert.Contains("Penalty to be confirmed", await Page(police, "/Justice/Catalogue/MK/2004"));

        await ChooseLanguage(police, "mk");
        Assert.Contains("<h1>Кривична правда</h1>", await Page(police, "/Justice"));
        var catalogue = await Page(police, "/Justice/Catalogue/MK/2004");
        Assert.Contains("Казната треба да се потврди", catalogue);
        Assert.Contains("затвор најмалку 4 години", catalogue); // art. 418-a para. 1, the one penalty confirmed
        var helper = await Post(police, "/Justice/Qualify", smuggling, ("Acts", "facilitateIrregularCrossing"));
        Assert.Contains("чл. 418-b ст. 1", helper);
        Assert.Contains("Казната треба да се потврди", helper);
        Assert.DoesNotContain("Penalty to be confirmed", helper);

        var advice = await Post(police, $"/Justice/Qualify?caseId={c.Id}", new() { ["Country"] = "RS", ["OffenceDate"] = "2026-03-01", ["VictimAge"] = "27",
            ["Consent"] = "yes" }, ("Acts", "recruit"), ("Means", "deception"), ("Purposes", "ForcedLabour"));
        Assert.Contains("чл. 388 ст. 1", advice);
        Assert.Contains("средствата: Измама", advice);
        Assert.Contains("затвор од 2 години до 10 години", advice);
        Assert.Contains("Штом е употребено едно од средствата, согласноста на лицето за експлоатацијата не е битна", advice);

        var proceeding = await Post(police, $"/Justice/Case/{c.Id}?handler=Open", new() { ["Country"] = "RS", ["Stage"] = "PoliceInvestigation", ["Date"] = "2026-03-02" });
        Assert.Contains("Полициска истрага", proceeding);
        Assert.Contains("Следна фаза", proceeding);
        var refused = await Post(police, ProceedingLink().Match(proceeding).Value + "?handler=Stage", new() { ["Version"] = "0", ["NextStage"] = "FinalJudgement", ["Date"] = "2026-03-03" });
        Assert.Contains("Од фазата Полициска истрага постапката може да премине само во Кривична пријава / Запрена", refused);
    }

    [GeneratedRegex("/Justice/Suspect/([0-9a-f-]{36})")]
    private static partial Regex SuspectLink();

    [GeneratedRegex("/Justice/Proceeding/[0-9a-f-]{36}")]
    private static partial Regex ProceedingLink();

    [Theory, BothProviders]
    public async Task The_catalogue_page_shows_what_is_to_be_confirmed_and_an_administrators_bad_edit_names_the_line(TestApp app)
    {
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var mk = await Page(worker, "/Justice/Catalogue/MK/2004");
        Assert.Contains("to be confirmed", mk);
        Assert.Contains("418-a", mk);
        Assert.DoesNotContain("Save revision", mk);

        var admin = await app.ClientAsync(Role.Administrator, (await app.NewOrganisationAsync()).Id);
        var json = (await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Features", "Justice", "Catalogue", "RS-2006.json"))).Replace("\"kind\": \"smuggling\"", "\"kind\": \"smugling\"");
        var line = json.Split('\n').ToList().FindIndex(l => l.Contains("smugling")) + 1;
        var refused = await Post(admin, "/Justice/Catalogue/RS/2006?handler=Save", new() { ["BaseRevision"] = "0", ["Json"] = json, ["Note"] = "typo" });
        Assert.Contains($"RS-2006.json line {line}:", refused);
        Assert.Contains("the version in force is unchanged", refused);
        var edition = await (await admin.GetAsync("/api/v1/justice/catalogues/RS/2006")).ReadAsync<GetCatalogue.EditionDetail>();
        Assert.Equal(0, edition.Revision);
    }
}
