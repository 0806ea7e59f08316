using Sigur.Host;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Admin;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Identification;

/// <summary>
/// What the API does, done through the pages without JavaScript: an age assessment, a residence permit's renewal, an
/// administrator publishing a checklist version; the pages in the four other languages; demo cases with real decisions.
/// </summary>
public sealed partial class IdentificationPagesTests : IClassFixture<AppPool>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>Posts a form of the page at <paramref name="pageUrl"/> to <paramref name="postUrl"/>, following the redirect back.</summary>
    internal static async Task<string> Post(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> form)
    {
        var token = Token().Match(await Pages.ReadAsync(client, pageUrl)).Groups[1].Value;
        var response = await client.PostAsync(postUrl, new FormUrlEncodedContent(form.Append(new("__RequestVerificationToken", token))));
        if (response.StatusCode == HttpStatusCode.Redirect) return await Pages.ReadAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [Theory, BothProviders]
    public async Task A_case_worker_records_an_age_assessment_and_a_permit_renewal_on_the_case_page(TestApp app)
    {
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre)).Id);
        var minor = await worker.RegisterAsync(CaseRequests.New() with { Person = new PersonInput("Arta", "Krasniqi", PossiblyChild: true, Citizenships: ["AL"]) });
        var url = $"/Identification/Case/{minor.Id}";
        Assert.Contains("id=\"age-form\"", await Pages.ReadAsync(worker, url));

        // An adult finding without the estimated age is refused beside the form, and the presumption holds.
        var refused = await Post(worker, url, url + "?handler=Age",
            [F("age.AssessedOn", Iso(Today)), F("age.Outcome", "Adult"), F("age.AssessedBy", "Clinical Hospital Tetovo")]);
        Assert.Contains("An assessment that finds an adult gives the estimated age (18 or more).", refused);
        Assert.True((await worker.IdentificationAsync(minor.Id)).PresumedMinor);

        await Post(worker, url, url + "?handler=Age",
            [F("age.AssessedOn", Iso(Today)), F("age.Outcome", "Adult"), F("age.AssessedBy", "Clinical Hospital Tetovo"), F("age.EstimatedAge", "22")]);
        var assessed = await worker.IdentificationAsync(minor.Id);
        Assert.False(assessed.IsChild);
        Assert.False(assessed.PresumedMinor);
        Assert.Equal((AgeAssessmentOutcome.Adult, "Clinical Hospital Tetovo"), (assessed.Child!.AgeAssessment!.Value, assessed.Child.AgeAssessedBy));

        // A foreign victim's permit: recorded, its renewal requested, then granted for six more months.
        var foreign = await worker.RegisterAsync();
        url = $"/Identification/Case/{foreign.Id}";
        await Post(worker, url, url + "?handler=Permit",
            [F("clockForm.PermitType", "PersonalSituation"), F("clockForm.From", Iso(Today)), F("clockForm.Until", Iso(Today.AddMonths(6)))]);
        var permit = Assert.Single((await worker.IdentificationAsync(foreign.Id)).Clocks, k => k.Type == ClockType.ResidencePermit);
        var requested = await Post(worker, url, $"{url}?handler=RenewalRequest&clockId={permit.Id}", [F("clockForm.Version", $"{permit.Version}"), F("clockForm.From", Iso(Today))]);
        Assert.Contains("renewal-decision", requested);
        permit = (await worker.IdentificationAsync(foreign.Id)).Clocks.Single(k => k.Id == permit.Id);
        Assert.Equal(Today, permit.RenewalRequestedOn);

        var until = permit.DueOn.AddMonths(6);
        var decided = await Post(worker, url, $"{url}?handler=RenewalDecision&clockId={permit.Id}",
            [F("renewal.Version", $"{permit.Version}"), F("renewal.DecidedOn", Iso(Today)), F("renewal.Granted", "true"), F("renewal.ValidUntil", Iso(until))]);
        Assert.Contains("renewed 1×", decided);
        permit = (await worker.IdentificationAsync(foreign.Id)).Clocks.Single(k => k.Id == permit.Id);
        Assert.Equal((until, true, 1), (permit.DueOn, permit.RenewalGranted!.Value, permit.Renewals));
    }

    [Theory, BothProviders]
    public async Task An_administrator_publishes_a_checklist_version_with_translations_and_the_old_version_stays(TestApp app)
    {
        var admin = await app.ClientAsync(Role.Administrator, (await app.NewOrganisationAsync()).Id);
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        const string id = "adult-labour";
        var current = await (await admin.GetAsync($"/api/v1/identification/checklists/{id}")).ReadAsync<IndicatorChecklist>();
        var cultures = SigurHost.Cultures;

        List<KeyValuePair<string, string>> Form(int version)
        {
            var form = new List<KeyValuePair<string, string>> { F("Form.Version", $"{version}"), F("Form.Audience", $"{current.Audience}"), F("Form.Source", current.Source) };
            form.AddRange(current.Forms.Select(f => F("Form.Forms", f)));
            form.AddRange(cultures.Select((c, l) => F($"Form.Titles[{l}]", current.Title.GetValueOrDefault(c) ?? "")));
            for (var i = 0; i < current.Indicators.Count; i++)
            {
                var x = current.Indicators[i];
                form.AddRange([F($"Form.Indicators[{i}].Code", x.Code), F($"Form.Indicators[{i}].Dimension", $"{x.Dimension}"), F($"Form.Indicators[{i}].Strength", $"{x.Strength}")]);
                // The first indicator gets a new Macedonian text; the second is removed.
                form.AddRange(cultures.Select((c, l) => F($"Form.Indicators[{i}].Texts[{l}]", i == 0 && c == "mk" ? "Нов текст на индикаторот" : x.Text.GetValueOrDefault(c) ?? "")));
                if (i == 1) form.Add(F($"Form.Indicators[{i}].Remove", "true"));
            }
            var n = current.Indicators.Count;
            form.AddRange([F($"Form.Indicators[{n}].Code", "AL-NEW1"), F($"Form.Indicators[{n}].Dimension", "CoercionAtDestination"), F($"Form.Indicators[{n}].Strength", "Strong"),
                F($"Form.Indicators[{n}].Texts[0]", "Sleeps at the workplace under guard")]);
            // As the browser sends them: every language's field, the empty ones too.
            form.AddRange(cultures.Skip(1).Select((c, l) => F($"Form.Indicators[{n}].Texts[{l + 1}]", c == "sq" ? "Fle në vendin e punës nën roje" : "")));
            return form;
        }

        var edit = $"/Identification/ChecklistEdit/{id}";
        Assert.Contains($"name=\"Form.Version\" value=\"{current.Version + 1}\"", await Pages.ReadAsync(admin, edit));
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync(edit)).StatusCode);
        // A stale version (someone published in between) is refused and publishes nothing.
        Assert.Contains($"Version {current.Version} of this checklist was published in the meantime.", await Post(admin, edit, edit, Form(current.Version)));

        var published = await Post(admin, edit, edit, Form(current.Version + 1));
        Assert.Contains($"Version {current.Version + 1} of the checklist is published.", published);
        var next = await (await worker.GetAsync($"/api/v1/identification/checklists/{id}")).ReadAsync<IndicatorChecklist>();
        Assert.Equal((current.Version + 1, current.Indicators.Count), (next.Version, next.Indicators.Count));
        Assert.Equal("Нов текст на индикаторот", next.Indicators[0].Text["mk"]);
        Assert.DoesNotContain(next.Indicators, i => i.Code == current.Indicators[1].Code);
        Assert.Equal("Fle në vendin e punës nën roje", next.Indicators.Single(i => i.Code == "AL-NEW1").Text["sq"]);

        var old = await (await worker.GetAsync($"/api/v1/identification/checklists/{id}?version={current.Version}")).ReadAsync<IndicatorChecklist>();
        Assert.Contains(old.Indicators, i => i.Code == current.Indicators[1].Code);
        var history = await (await worker.GetAsync($"/api/v1/identification/checklists/{id}/versions")).ReadAsync<List<ManageChecklists.VersionEntry>>();
        Assert.Equal([current.Version + 1, current.Version], history.Select(h => h.Version).Take(2));
        Assert.Equal("Test Administrator", history[0].PublishedBy);

        // The version page in Albanian shows the new indicator's own Albanian text and the history.
        var sq = await Pages.ReadAsync(worker, $"/Identification/Checklist/{id}", "sq");
        Assert.Contains("Fle në vendin e punës nën roje", sq);
        Assert.Contains("Versionet", sq);
    }

    [Theory, BothProviders]
    public async Task The_identification_pages_speak_macedonian_serbian_and_albanian(TestApp app)
    {
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var child = await worker.RegisterAsync(CaseRequests.New() with { Person = new PersonInput("Arta", "Krasniqi", PossiblyChild: true, Citizenships: ["AL"]) });
        foreach (var (culture, recordAge, checklists) in new[]
                 {
                     ("mk", "Евидентирај процена на возраста", "Листи на индикатори"), ("sr-Cyrl", "Евидентирај процену узраста", "Листе индикатора"),
                     ("sr-Latn", "Evidentiraj procenu uzrasta", "Liste indikatora"), ("sq", "Regjistro një vlerësim moshe", "Listat e treguesve"),
                 })
        {
            var page = await Pages.ReadAsync(worker, $"/Identification/Case/{child.Id}", culture);
            Assert.Contains(recordAge, page);
            Assert.DoesNotContain("Record an age assessment", page);
            Assert.Contains(checklists, await Pages.ReadAsync(worker, "/Identification/Checklists", culture));
        }
    }

    [Theory, BothProviders]
    public async Task Demo_cases_reach_their_status_through_recorded_decisions(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.Police);
        await DemoData.GenerateCasesAsync(app.Services, [org], 80, null, TestContext.Current.CancellationToken, seed: 7);
        var (cases, decisions) = await app.WithDbAsync(async db => (
            await db.Cases.IgnoreQueryFilters().Where(c => c.OrganisationId == org.Id).ToListAsync(),
            await db.IdentificationDecisions().IgnoreQueryFilters().Where(d => d.OrganisationId == org.Id).ToListAsync()));
        Assert.Equal(80, cases.Count);
        Assert.True(cases.Select(c => c.IdentificationStatus).Distinct().Count() == 4, "every status occurs among 80 demo cases");
        foreach (var c in cases)
        {
            var history = decisions.Where(d => d.CaseId == c.Id).OrderBy(d => d.Sequence).ToList();
            Assert.Equal(c.IdentificationStatus, history.LastOrDefault()?.To ?? IdentificationStatus.Potential);
            Assert.Equal(Enumerable.Range(1, history.Count), history.Select(d => d.Sequence));
            Assert.All(history, d =>
            {
                Assert.True(d.DecidedOn >= c.IntakeDate.Date, "decided after intake");
                Assert.Equal((org.Name, org.Id, DecidingBodyType.Police), (d.DecidingOrganisation, d.DecidingOrganisationId!.Value, d.DecidingBodyType));
                Assert.StartsWith("Demo:", d.Reasons);
            });
            // Each step is one the rules allow from the status before it.
            Assert.All(history, d => Assert.Contains(d.To, Case.AllowedDecisions(d.From)));
        }
    }
}
