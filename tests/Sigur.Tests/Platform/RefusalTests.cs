using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Sigur.Features.Referrals;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Tests.Features.Referrals;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// One way to refuse a change (<see cref="Refusal"/>) and one 409 for it: the API answers in English with the refusal
/// beside the detail, a page words it in the reader's language, and every refusal in the code has its translations.
/// </summary>
public sealed partial class RefusalTests : IClassFixture<AppPool>
{
    private static string Source()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Sigur");
            if (Directory.Exists(Path.Combine(candidate, "Resources"))) return candidate;
        }
        throw new DirectoryNotFoundException("src/Sigur above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> CodeFiles() =>
        Directory.EnumerateFiles(Source(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static Dictionary<string, string> Strings(string culture) =>
        XDocument.Load(Path.Combine(Source(), "Resources", culture.Length == 0 ? "SharedResource.resx" : $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void Every_refusal_in_the_code_is_in_the_string_table_of_every_language_with_the_same_placeholders()
    {
        var templates = CodeFiles().SelectMany(f => RefusalTemplate().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().Order().ToList();
        Assert.True(templates.Count > 40, $"only {templates.Count} refusals found");
        var english = Strings("");
        Assert.Equal([], templates.Where(t => !english.ContainsKey(t)).ToList());
        foreach (var culture in Sigur.Host.SigurHost.Cultures.Where(c => c != "en"))
        {
            var translated = Strings(culture);
            Assert.Equal([], templates.Where(t => !translated.ContainsKey(t)).Select(t => $"{culture}: {t}").ToList());
            Assert.Equal([], templates.Where(t => translated[t] == t).Select(t => $"{culture}: {t}").ToList());
            Assert.Equal([], templates.Where(t => !Placeholders(t).SequenceEqual(Placeholders(translated[t]))).Select(t => $"{culture}: {t}").ToList());
        }
    }

    [Fact]
    public void The_title_of_a_refused_transition_is_spelled_out_once()
    {
        var files = CodeFiles().Where(f => File.ReadAllText(f).Contains("\"Not allowed in", StringComparison.Ordinal)).Select(Path.GetFileName).ToList();
        Assert.Equal(["Refusal.cs"], files);
    }

    [Theory, BothProviders]
    public async Task A_refused_transition_is_a_409_with_the_refusal_and_reads_in_the_readers_language(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        await w.ConsentAsync();
        var r = await w.ReferAsync(ServiceType.Psychological);
        Assert.Equal(HttpStatusCode.OK, (await w.RecipientClient.PostAsync($"/api/v1/referrals/{r.Id}/accept", null)).StatusCode);

        var again = await w.RecipientClient.PostAsync($"/api/v1/referrals/{r.Id}/accept", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(Refusal.Title, problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("This referral cannot be accepted (status: Accepted).", problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal("This referral cannot be accepted (status: {0}).",
            problem.RootElement.GetProperty(Refusal.Extension).GetProperty("template").GetString());

        // What a page shows: the same refusal, worded in Macedonian with the status's Macedonian label.
        var words = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = new CultureInfo("mk");
            Assert.Equal("Ова упатување не може да се прифати (статус: Прифатено).",
                new Refusal("This referral cannot be accepted (status: {0}).", ReferralStatus.Accepted).In(words));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"new Refusal\(\s*""([^""]*)""")]
    private static partial Regex RefusalTemplate();
}
