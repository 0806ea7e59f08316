using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Sigur.Features.Justice;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Sigur.Features.Justice.QualifyFacts;

namespace Sigur.Tests.Features.Justice;

/// <summary>The helper's advice for the fact patterns of the seed statement, under the Serbian Criminal Code in force from 2006.</summary>
public sealed class QualificationTests : IClassFixture<AppPool>
{
    private static readonly DateOnly Offence = new(2007, 6, 1);

    private static async Task<Response> Ask(HttpClient client, Facts facts, string country = "RS", DateOnly? date = null)
    {
        var response = await client.PostJsonAsync("/api/v1/justice/qualification", new Request(country, date ?? Offence, facts));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadAsync<Response>();
    }

    private static string[] Applying(Response r) => [.. r.Paragraphs.Where(p => p.Certainty == Certainty.Applies).Select(p => $"{p.Article}/{p.Paragraph}")];
    private static string[] Possible(Response r) => [.. r.Paragraphs.Where(p => p.Certainty == Certainty.Possible).Select(p => $"{p.Article}/{p.Paragraph}")];

    private static readonly Facts AdultDeceivedForForcedLabourAcrossABorder = new(
        Acts: ["recruit", "transport"], Means: ["deception"], Purposes: ["ForcedLabour"], BorderCrossing: true, VictimAge: 27);

    [Theory, BothProviders]
    public async Task An_adult_recruited_by_deception_for_forced_labour_across_a_border_is_388_para_1_and_possibly_350(TestApp app)
    {
        var client = await Client(app);
        var r = await Ask(client, AdultDeceivedForForcedLabourAcrossABorder);

        Assert.Equal(("RS", "2006"), (r.Country, r.Edition));
        Assert.Equal(["388/1"], Applying(r));
        Assert.Equal(["350/2"], Possible(r));
        var trafficking = r.Paragraphs.Single(p => p.Article == "388");
        Assert.Equal((24, 120), (trafficking.MinMonths!.Value, trafficking.MaxMonths!.Value));
        Assert.Equal("imprisonment from 2 years to 10 years", trafficking.Penalty);
        Assert.Contains("the means: Deception", trafficking.Reasons);
        var smuggling = r.Paragraphs.Single(p => p.Article == "350");
        Assert.Contains("it was done for material gain", smuggling.MayApplyIf);
        Assert.Contains(r.Notes, n => n.Contains("one case can be both", StringComparison.OrdinalIgnoreCase));

        // The person "agreed" to go: consent is irrelevant once a means was used.
        var consenting = await Ask(client, AdultDeceivedForForcedLabourAcrossABorder with { Consent = true });
        Assert.Equal(["388/1"], Applying(consenting));
        Assert.Contains(consenting.Notes, n => n.Contains("consent", StringComparison.OrdinalIgnoreCase) && n.Contains("does not matter"));

        // Without any means, an adult's case is not trafficking, and the helper says what to look for.
        var noMeans = await Ask(client, AdultDeceivedForForcedLabourAcrossABorder with { Means = [] });
        Assert.Empty(Applying(noMeans));
        Assert.Contains(noMeans.Notes, n => n.StartsWith("No means is known", StringComparison.Ordinal));
    }

    [Theory, BothProviders]
    public async Task The_same_against_a_minor_with_no_means_is_388_paras_2_and_3_and_consent_never_matters(TestApp app)
    {
        var client = await Client(app);
        var r = await Ask(client, AdultDeceivedForForcedLabourAcrossABorder with { Means = [], VictimAge = 16, Consent = true });

        Assert.Equal(["388/2", "388/3"], Applying(r));
        Assert.DoesNotContain(r.Paragraphs, p => p.Article == "390");
        var minor = r.Paragraphs.Single(p => p.Article == "388" && p.Paragraph == "3");
        Assert.Equal((36, (int?)null), (minor.MinMonths!.Value, minor.MaxMonths));
        Assert.Equal("imprisonment at least 3 years", minor.Penalty);
        Assert.Equal("rule", r.Paragraphs.Single(p => p.Article == "388" && p.Paragraph == "2").ParagraphKind);
        Assert.Contains(r.Notes, n => n.Contains("A minor's consent never matters (art. 388 para. 2)"));
    }

    [Theory, BothProviders]
    public async Task An_organised_group_adds_388_para_6(TestApp app)
    {
        var client = await Client(app);
        var adult = await Ask(client, AdultDeceivedForForcedLabourAcrossABorder with { OrganisedGroup = true });
        Assert.Equal(["388/1", "388/6"], Applying(adult));
        Assert.Equal(60, adult.Paragraphs.Single(p => p.Paragraph == "6").MinMonths);

        var child = await Ask(client, AdultDeceivedForForcedLabourAcrossABorder with { Means = [], VictimAge = 15, OrganisedGroup = true });
        Assert.Equal(["388/2", "388/3", "388/6"], Applying(child));

        var death = await Ask(client, AdultDeceivedForForcedLabourAcrossABorder with { Death = true, SevereBodilyHarm = true });
        Assert.Equal(["388/1", "388/4", "388/5"], Applying(death));
    }

    [Theory, BothProviders]
    public async Task A_child_under_14_sold_for_adoption_is_389(TestApp app)
    {
        var client = await Client(app);
        var r = await Ask(client, new Facts(Acts: ["sell"], Purposes: ["ForcedAdoption"], BorderCrossing: false, VictimAge: 9));
        Assert.Equal(["389/1"], Applying(r));
        Assert.Empty(Possible(r));
        Assert.Equal((12, 60), (r.Paragraphs[0].MinMonths!.Value, r.Paragraphs[0].MaxMonths!.Value));

        // At 15 the child is a minor but no longer under 14: art. 389 does not apply.
        Assert.Empty(Applying(await Ask(client, new Facts(Acts: ["sell"], Purposes: ["ForcedAdoption"], BorderCrossing: false, VictimAge: 15))));
        Assert.Equal(["389/1", "389/2"], Applying(await Ask(client, new Facts(Acts: ["sell"], Purposes: ["ForcedAdoption"], BorderCrossing: false, VictimAge: 9, OrganisedGroup: true))));
    }

    [Theory, BothProviders]
    public async Task Smuggling_for_gain_without_exploitation_is_350_para_2_only(TestApp app)
    {
        var client = await Client(app);
        var r = await Ask(client, new Facts(Acts: ["transport", "facilitateIrregularCrossing"], BorderCrossing: true, MaterialGain: true,
            ForeignNational: true, Consent: true, VictimAge: 30));
        Assert.Equal(["350/2"], r.Paragraphs.Select(p => $"{p.Article}/{p.Paragraph}"));
        Assert.Equal(Certainty.Applies, r.Paragraphs[0].Certainty);
        Assert.Equal((3, 72), (r.Paragraphs[0].MinMonths!.Value, r.Paragraphs[0].MaxMonths!.Value));
        Assert.Equal("confiscation", Assert.Single(r.Measures).Penalty); // para. 4: the vehicle is confiscated
        Assert.Contains(r.Notes, n => n.StartsWith("Smuggling, not trafficking", StringComparison.Ordinal));

        // Endangering the migrants' lives: para. 3.
        var endangered = await Ask(client, new Facts(Acts: ["transport"], BorderCrossing: true, MaterialGain: true, ForeignNational: true, EndangeringLife: true));
        Assert.Equal(["350/2", "350/3"], Applying(endangered));

        // Exploitation found on arrival: both.
        var both = await Ask(client, new Facts(Acts: ["transport", "keep"], Means: ["withholdingDocuments"], Purposes: ["SexualExploitation"],
            BorderCrossing: true, MaterialGain: true, ForeignNational: true, VictimAge: 22));
        Assert.Equal(["350/2", "388/1"], Applying(both));
        Assert.Contains(both.Notes, n => n.StartsWith("Both trafficking and smuggling", StringComparison.Ordinal));
    }

    [Theory, BothProviders]
    public async Task An_old_case_is_qualified_under_article_111b_and_a_Macedonian_one_under_418_a(TestApp app)
    {
        var client = await Client(app);
        var old = await Ask(client, AdultDeceivedForForcedLabourAcrossABorder, date: new DateOnly(2004, 5, 1));
        Assert.Equal("2003", old.Edition);
        var p = Assert.Single(old.Paragraphs);
        Assert.Equal(("111b", "1", true, "to be confirmed"), (p.Article, p.Paragraph, p.PenaltyToBeConfirmed, p.Penalty));

        var mk = await Ask(client, AdultDeceivedForForcedLabourAcrossABorder, country: "MK", date: new DateOnly(2010, 1, 1));
        Assert.Contains("418-a/1", Applying(mk));
        Assert.Equal("imprisonment at least 4 years", mk.Paragraphs.Single(x => x.Article == "418-a").Penalty);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync("/api/v1/justice/qualification",
            new Request("RS", new DateOnly(1995, 1, 1), AdultDeceivedForForcedLabourAcrossABorder))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostJsonAsync("/api/v1/justice/qualification",
            new Request("RS", Offence, new Facts(Means: ["charm"])))).StatusCode);
    }

    [Theory, BothProviders]
    public async Task A_prosecutor_accepts_a_qualification_and_it_is_recorded_with_who_and_which_revision(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.Police);
        var police = await app.ClientAsync(Role.PoliceInvestigator, org.Id);
        var prosecutor = await app.NewUserAsync(Role.Prosecutor, org.Id);
        var prosecutorClient = await app.SignInAsync(prosecutor);
        var c = await police.RegisterAsync();

        var accepted = await prosecutorClient.PostJsonAsync($"/api/v1/cases/{c.Id}/qualifications", new AcceptQualification.Request(
            new Request("RS", Offence, AdultDeceivedForForcedLabourAcrossABorder with { MaterialGain = true, ForeignNational = true }), ["388/1", "350/2"], "Both charged"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var list = await (await police.GetAsync($"/api/v1/cases/{c.Id}/qualifications")).ReadAsync<List<AcceptQualification.Decision>>();
        var d = Assert.Single(list);
        Assert.Equal((prosecutor.Id, "2006", 0), (d.AcceptedBy, d.Edition, d.Revision));
        Assert.Equal(["388/1", "350/2"], d.Accepted);
        Assert.Equal(["deception"], d.Facts!.Means);

        Assert.Equal(HttpStatusCode.BadRequest, (await prosecutorClient.PostJsonAsync($"/api/v1/cases/{c.Id}/qualifications", new AcceptQualification.Request(
            new Request("RS", Offence, AdultDeceivedForForcedLabourAcrossABorder), ["388/9"]))).StatusCode);
    }

    /// <summary>The helper works from every shipped catalogue: an adult deceived into sexual exploitation, and a child with no means at all.</summary>
    [Theory, BothProviders]
    public async Task Every_shipped_catalogue_qualifies_trafficking_of_an_adult_and_of_a_child(TestApp app)
    {
        var client = await Client(app);
        var editions = app.Services.GetRequiredService<OffenceCatalogue>().Baseline.Select(e => e.Document).ToList();
        Assert.Contains(editions, d => d.Country == "AL");
        foreach (var doc in editions)
        {
            var on = doc.InForceFrom.AddDays(1);
            var adult = await Ask(client, new Facts(Acts: ["recruit", "transport"], Means: ["deception"], Purposes: ["SexualExploitation"], VictimAge: 25),
                doc.Country, on);
            Assert.Equal(doc.Edition, adult.Edition);
            Assert.Contains(adult.Paragraphs, p => p.Certainty == Certainty.Applies && p.ArticleKind is "trafficking" or "childTrafficking");
            Assert.DoesNotContain(adult.Paragraphs, p => doc.Find(p.Article, p.Paragraph)!.Requires?.Contains(Fact.VictimMinor) == true);

            var child = await Ask(client, new Facts(Acts: ["recruit", "transport"], Purposes: ["SexualExploitation"], VictimAge: 15), doc.Country, on);
            var childParagraphs = child.Paragraphs.Where(p => p.Certainty == Certainty.Applies).ToList();
            Assert.True(childParagraphs.Count > 0, $"{doc.Country}-{doc.Edition}: nothing applies to a trafficked child");
            Assert.Contains(childParagraphs, p => doc.Find(p.Article, p.Paragraph)!.Requires?.Contains(Fact.VictimMinor) == true);
        }
    }

    private static async Task<HttpClient> Client(TestApp app) =>
        await app.ClientAsync(Role.PoliceInvestigator, (await app.NewOrganisationAsync(OrganisationType.Police)).Id);
}
