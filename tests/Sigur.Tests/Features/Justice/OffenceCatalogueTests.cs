using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Sigur.Features.Justice;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Justice;

public sealed partial class OffenceCatalogueTests : IClassFixture<AppPool>
{
    private static OffenceCatalogue Load(string directory) =>
        new(new JusticeSettings { CatalogueDirectory = directory }, NullLogger<OffenceCatalogue>.Instance);

    private static string ShippedDirectory => Path.Combine(AppContext.BaseDirectory, "Features", "Justice", "Catalogue");

    [Fact]
    public void The_shipped_catalogues_load_without_problems()
    {
        var catalogue = Load(ShippedDirectory);
        Assert.Empty(catalogue.Problems);
        Assert.Equal(["AL-2022", "MK-2004", "RS-2003", "RS-2006"], catalogue.Baseline.Select(e => $"{e.Document.Country}-{e.Document.Edition}").Order());
        var rs = catalogue.Baseline.Single(e => e.Document.Edition == "2006").Document;
        Assert.Equal(["350", "388", "389", "390"], rs.Articles.Select(a => a.Article));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], rs.Articles.Single(a => a.Article == "388").Paragraphs.Select(p => p.Paragraph));
        var mk = catalogue.Baseline.Single(e => e.Document.Country == "MK").Document;
        Assert.Equal(["418-a", "418-b", "418-c", "418-d"], mk.Articles.Select(a => a.Article));
        Assert.Equal(["1", "2", "4", "5"], mk.Articles[0].Paragraphs.Select(p => p.Paragraph));
        Assert.Equal(48, mk.Find("418-a", "1")!.Penalty!.MinMonths);
        Assert.Null(mk.Find("418-a", "1")!.Penalty!.MaxMonths);
        Assert.True(mk.Find("418-d", "1")!.Penalty!.ToBeConfirmed);
        Assert.Equal("to be confirmed", mk.Find("418-b", "1")!.Penalty!.Describe());
        var old = catalogue.Baseline.Single(e => e.Document.Edition == "2003").Document;
        Assert.Equal(new DateOnly(2005, 12, 31), old.InForceTo);
        Assert.Equal("111b", Assert.Single(old.Articles).Article);
    }

    [Fact]
    public void A_malformed_file_is_reported_with_its_name_and_line_and_the_previous_version_stays_in_force()
    {
        var dir = Directory.CreateTempSubdirectory("sigur-catalogue-").FullName;
        try
        {
            var good = File.ReadAllText(Path.Combine(ShippedDirectory, "RS-2006.json"));
            File.WriteAllText(Path.Combine(dir, "RS-2006.json"), good);
            var catalogue = Load(dir);
            Assert.Empty(catalogue.Problems);

            // A syntax error: a missing comma on line 5.
            var lines = good.Split('\n');
            lines[4] = lines[4].TrimEnd().TrimEnd(',');
            File.WriteAllText(Path.Combine(dir, "RS-2006.json"), string.Join('\n', lines));
            var problem = Assert.Single(catalogue.Reload());
            Assert.Equal("RS-2006.json", problem.File);
            Assert.Equal(6, problem.Line); // the reader notices at the next property
            Assert.StartsWith("RS-2006.json line 6:", problem.ToString());
            Assert.Equal("Official Gazette of the Republic of Serbia 85/2005 and 107/2005", Assert.Single(catalogue.Baseline).Document.Source);

            // A well-formed file with an unknown code: named with its line too.
            var unknownMeans = good.Replace("\"means\": [\"force\", \"threat\", \"deception\"", "\"means\": [\"force\", \"charm\", \"deception\"");
            var line = unknownMeans.Split('\n').ToList().FindIndex(l => l.Contains("\"charm\"")) + 1;
            File.WriteAllText(Path.Combine(dir, "RS-2006.json"), unknownMeans);
            problem = Assert.Single(catalogue.Reload());
            Assert.Equal(line, problem.Line);
            Assert.Contains("Unknown means \"charm\"", problem.Message);
            Assert.Contains("force", Assert.Single(catalogue.Baseline).Document.Find("388", "1")!.Means!);

            // A penalty that is neither given nor marked "to be confirmed".
            var noPenalty = good.Replace("\"penalty\": { \"minMonths\": 24, \"maxMonths\": 120 }", "\"penalty\": { }");
            File.WriteAllText(Path.Combine(dir, "RS-2006.json"), noPenalty);
            problem = Assert.Single(catalogue.Reload());
            Assert.Equal(noPenalty.Split('\n').ToList().FindIndex(l => l.Contains("\"penalty\": { }")) + 1, problem.Line);

            // Fixed: the new version is in force.
            File.WriteAllText(Path.Combine(dir, "RS-2006.json"), good.Replace("85/2005 and 107/2005", "85/2005, 107/2005"));
            Assert.Empty(catalogue.Reload());
            Assert.Equal("Official Gazette of the Republic of Serbia 85/2005, 107/2005", Assert.Single(catalogue.Baseline).Document.Source);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The penalties as the cited sources give them, entered here a second time from the sources: a catalogue that
    /// drifts from its source fails. Everything else in those editions must be marked as not confirmed.
    /// </summary>
    private static readonly Dictionary<string, (int? Min, int? Max, string Cites)> ConfirmedPenalties = new()
    {
        ["MK-2004 418-a/1"] = (48, null, "La Strada"),
        ["MK-2004 418-a/2"] = (96, null, "19/2004"),
        ["MK-2004 418-a/4"] = (6, 60, "19/2004"),
        ["MK-2004 418-a/5"] = (96, null, "19/2004"),
        ["AL-2022 110a/1"] = (96, 180, "2023 Trafficking in Persons Report"),
        ["AL-2022 128b/1"] = (120, 240, "2023 Trafficking in Persons Report"),
    };

    [Fact]
    public void Each_catalogue_gives_the_penalties_its_sources_confirm_cites_them_and_marks_the_rest_unconfirmed()
    {
        foreach (var doc in Load(ShippedDirectory).Baseline.Select(e => e.Document).Where(d => d.Country != "RS"))
        {
            Assert.False(string.IsNullOrWhiteSpace(doc.Source));
            Assert.True(doc.HasUnconfirmed == (doc.Notes?.Contains("unconfirmed", StringComparison.Ordinal) == true),
                $"{doc.Country}-{doc.Edition}: the notes say what is unconfirmed exactly when something is");
            foreach (var a in doc.Articles)
                foreach (var p in a.Paragraphs.Where(p => p.Kind == ParagraphKinds.Offence))
                {
                    var key = $"{doc.Country}-{doc.Edition} {a.Article}/{p.Paragraph}";
                    if (ConfirmedPenalties.TryGetValue(key, out var confirmed))
                    {
                        Assert.False(p.Penalty!.ToBeConfirmed, key);
                        Assert.Equal((confirmed.Min, confirmed.Max), (p.Penalty.MinMonths, p.Penalty.MaxMonths));
                        Assert.Contains(confirmed.Cites, p.Source ?? doc.Source);
                    }
                    else Assert.True(p.Penalty!.ToBeConfirmed, $"{key} gives a penalty that no cited source confirms");
                }
        }
        Assert.All(ConfirmedPenalties.Keys, key => Assert.Contains(Load(ShippedDirectory).Baseline.Select(e => e.Document),
            d => d.Articles.Any(a => a.Paragraphs.Any(p => $"{d.Country}-{d.Edition} {a.Article}/{p.Paragraph}" == key))));
    }

    /// <summary>Every paragraph of art. 350, 388, 389 and 390 as the seed statement gives it: the wording, and the penalty read from the wording.</summary>
    [Fact]
    public void The_Serbian_catalogue_matches_the_seed_text_article_by_article()
    {
        var seed = SeedParagraphs(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "Justice", "criminal-code-rs-seed.txt")));
        var doc = Load(ShippedDirectory).Baseline.Single(e => e.Document.Country == "RS" && e.Document.Edition == "2006").Document;
        Assert.Equal("Official Gazette of the Republic of Serbia 85/2005 and 107/2005", doc.Source);
        Assert.Equal(seed.Select(s => s.Article).Distinct(), doc.Articles.Select(a => a.Article));
        Assert.Equal(13 + 2, seed.Count); // 4 + 6 + 2 + 3
        foreach (var (article, paragraph, text) in seed)
        {
            var p = doc.Find(article, paragraph);
            Assert.True(p is not null, $"art. {article} para. {paragraph} is missing");
            Assert.Equal(Normalise(text), Normalise(p.Text));
            var expected = PenaltyOf(text);
            if (expected is null)
                Assert.True(p.Penalty is null, $"art. {article} para. {paragraph} has no penalty of its own in the seed");
            else
            {
                Assert.True(p.Penalty is not null, $"art. {article} para. {paragraph} has no penalty");
                Assert.Equal(expected.Value, (p.Penalty.MinMonths, p.Penalty.MaxMonths));
                Assert.False(p.Penalty.ToBeConfirmed);
            }
        }
        Assert.Equal(seed.Count, doc.Articles.Sum(a => a.Paragraphs.Count));
    }

    private static List<(string Article, string Paragraph, string Text)> SeedParagraphs(string text)
    {
        var lines = text[(text.IndexOf("---\n", StringComparison.Ordinal) + 4)..].Split('\n').Select(l => l.Trim()).ToList();
        var result = new List<(string, string, string)>();
        string? article = null, paragraph = null;
        var current = new List<string>();
        void Flush()
        {
            if (article is not null && paragraph is not null) result.Add((article, paragraph, string.Join(' ', current)));
            current.Clear();
            paragraph = null;
        }
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].StartsWith("- ", StringComparison.Ordinal) ? lines[i][2..] : lines[i];
            if (line.Length == 0) continue;
            var next = lines.Skip(i + 1).FirstOrDefault(l => l.Length > 0) ?? "";
            if (ArticleHeading().IsMatch(next)) { Flush(); continue; } // the title of the next article
            if (ArticleHeading().Match(line) is { Success: true } a) { Flush(); article = a.Groups[1].Value; continue; }
            if (ParagraphStart().Match(line) is { Success: true } p) { Flush(); paragraph = p.Groups[1].Value; current.Add(line[p.Length..]); continue; }
            current.Add(line);
        }
        Flush();
        return result;
    }

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim().ToLowerInvariant();

    private static readonly string[] Numbers = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"];

    private static int Number(string word) => int.TryParse(word, out var n) ? n : Array.IndexOf(Numbers, word.ToLowerInvariant());

    private static int Months(string number, string unit) => Number(number) * (unit.StartsWith("month", StringComparison.Ordinal) ? 1 : 12);

    /// <summary>The penalty as the seed words it: "up to one year", "from 3 months up to 6 years", "of at least three years", "of one to ten years".</summary>
    private static (int?, int?)? PenaltyOf(string text)
    {
        var m = Penalty().Match(Normalise(text));
        if (!m.Success) return null;
        if (m.Groups["least"].Success) return (Months(m.Groups["least"].Value, "years"), null);
        if (m.Groups["upto"].Success) return (null, Months(m.Groups["upto"].Value, m.Groups["uptounit"].Value));
        var maxUnit = m.Groups["maxunit"].Value;
        var minUnit = m.Groups["minunit"].Success ? m.Groups["minunit"].Value : maxUnit;
        return (Months(m.Groups["min"].Value, minUnit), Months(m.Groups["max"].Value, maxUnit));
    }

    [GeneratedRegex(@"^Article (\d+)$")]
    private static partial Regex ArticleHeading();

    [GeneratedRegex(@"^\((\d+)\)\s*")]
    private static partial Regex ParagraphStart();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"imprisonment (?:of )?(?:at least (?<least>\w+) years?|up to (?<upto>\w+) (?<uptounit>years?|months?)|(?:from )?(?<min>\w+)(?: (?<minunit>months?|years?))? (?:up )?to (?<max>\w+) (?<maxunit>months?|years?))")]
    private static partial Regex Penalty();

    [Theory, BothProviders]
    public async Task An_administrator_edits_a_catalogue_as_a_new_revision_with_history_and_a_bad_edit_changes_nothing(TestApp app)
    {
        var admin = await app.ClientAsync(Role.Administrator, (await app.NewOrganisationAsync()).Id);
        // Its own edition, so that other tests on this host keep reading the shipped one.
        var edition = $"t{Guid.NewGuid():N}"[..12];
        var json = File.ReadAllText(Path.Combine(ShippedDirectory, "MK-2004.json")).Replace("\"edition\": \"2004\"", $"\"edition\": \"{edition}\"")
            .Replace("\"inForceFrom\": \"2004-03-30\"", "\"inForceFrom\": \"1990-01-01\"").Replace("\"inForceTo\": null", "\"inForceTo\": \"1990-01-02\"");
        var url = $"/api/v1/justice/catalogues/MK/{edition}";

        var created = await admin.PutJsonAsync(url, new EditCatalogue.Request(0, json, "A country's administrator adds an edition"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(1, (await created.ReadAsync<EditCatalogue.Response>()).Revision);

        // Broken: refused with the line, revision 1 stays.
        var broken = json.Replace("\"minMonths\": 48", "\"minMonths\": -48");
        var refused = await admin.PutJsonAsync(url, new EditCatalogue.Request(1, broken, "typo"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        var line = broken.Split('\n').ToList().FindIndex(l => l.Contains("-48")) + 1;
        Assert.Contains($"MK-{edition}.json line {line}: Months cannot be negative.", body);

        var confirmed = json.Replace("\"penalty\": { \"minMonths\": null, \"maxMonths\": null, \"toBeConfirmed\": true },\n          \"explanation\": \"Smuggling of migrants",
            "\"penalty\": { \"minMonths\": 12, \"maxMonths\": 60 },\n          \"explanation\": \"Smuggling of migrants");
        Assert.NotEqual(json, confirmed);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutJsonAsync(url, new EditCatalogue.Request(1, confirmed, "Penalty confirmed from the Gazette"))).StatusCode);
        // A second save from revision 1 is stale.
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PutJsonAsync(url, new EditCatalogue.Request(1, confirmed, "again"))).StatusCode);

        var detail = await (await admin.GetAsync(url)).ReadAsync<GetCatalogue.EditionDetail>();
        Assert.Equal(2, detail.Revision);
        Assert.Equal(12, detail.Document.Find("418-b", "1")!.Penalty!.MinMonths);
        var history = await (await admin.GetAsync($"{url}/history")).ReadAsync<List<GetCatalogue.RevisionSummary>>();
        Assert.Equal([2, 1], history.Select(h => h.Revision));
        Assert.Equal("Penalty confirmed from the Gazette", history[0].Note);

        // The helper uses the edition in force on the offence date, at its newest revision.
        var advice = await (await admin.PostJsonAsync("/api/v1/justice/qualification", new QualifyFacts.Request("MK", new DateOnly(1990, 1, 1),
            new QualifyFacts.Facts(Acts: ["transport"], BorderCrossing: true, MaterialGain: true, ForeignNational: true, VictimAge: 30)))).ReadAsync<QualifyFacts.Response>();
        Assert.Equal(edition, advice.Edition);
        Assert.Equal(2, advice.Revision);
        var smuggling = Assert.Single(advice.Paragraphs);
        Assert.Equal(("418-b", "1", 12, 60), (smuggling.Article, smuggling.Paragraph, smuggling.MinMonths!.Value, smuggling.MaxMonths!.Value));

        // The shipped editions are listed, marked where penalties are to be confirmed.
        var list = await (await admin.GetAsync("/api/v1/justice/catalogues")).ReadAsync<GetCatalogue.ListResponse>();
        Assert.True(list.Editions.Single(e => e.Country == "MK" && e.Edition == "2004").HasUnconfirmed);
        Assert.False(list.Editions.Single(e => e.Country == "RS" && e.Edition == "2006").HasUnconfirmed);
    }
}
