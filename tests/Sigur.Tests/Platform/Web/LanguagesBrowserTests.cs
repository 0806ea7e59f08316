using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Platform.Web;

/// <summary>
/// In Debian's Chromium, through the interface alone: a case worker, the national coordinator and an administrator
/// switch through every interface language with the switcher in the header and open their main pages in each. Every
/// page answers in the chosen language (its lang attribute, its dates' culture) and shows no English that leaked past
/// the string tables: common English words, or an enum's name ("SocialWorkCentre") where its label belongs.
/// </summary>
public sealed partial class LanguagesBrowserTests
{
    [Fact(Timeout = 900_000)]
    public async Task Every_role_switches_through_every_language_and_no_main_page_shows_English()
    {
        await using var host = await BrowserHost.StartAsync();
        var page = host.Page;
        // Names that are not English words, so that what the users typed is not taken for leaked English.
        var worker = await host.AccountAsync(Role.CaseWorker, "jezik.radnik", type: OrganisationType.SocialWorkCentre, organisationName: "CSR Kumanovo");
        var coordinator = await host.AccountAsync(Role.NationalCoordinator, "jezik.koordinator", type: OrganisationType.NationalCoordinatorOffice, organisationName: "NKO Skopje");
        var admin = await host.AccountAsync(Role.Administrator, "jezik.admin", organisationName: "Sigur Skopje");

        // The case worker registers a case, so that the case pages have something to show.
        await host.SignInAsync(worker);
        await page.GotoAsync("/Cases/New");
        await page.FillAsync("#Form_GivenName", "Arbëresha");
        await page.FillAsync("#Form_FamilyName", "Gashi");
        await page.FillAsync("#Form_Citizenships", "AL");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page).ToHaveURLAsync(new Regex("/Cases/Details/[0-9a-f-]{36}$"));
        var casePage = new Uri(page.Url).AbsolutePath;
        await page.ClickAsync("#identification-link");
        var identificationPage = new Uri(page.Url).AbsolutePath;

        var leaks = new List<string>();
        await WalkAsync(host, worker, leaks,
            ["/", "/Cases", "/Cases/New", casePage, identificationPage, "/Identification/Due", "/Hotline", "/Notifications", "/Referrals/Inbox",
             "/Fund", "/Services", "/MobileTeams", "/Account/ChangePassword"]);
        await WalkAsync(host, coordinator, leaks,
            ["/", "/Statistics", "/Statistics/HowWeCount", "/Statistics/Table", "/Statistics/Reference", "/Justice", "/Justice/Suspects",
             "/Justice/Catalogue", "/Shelters", "/Fund", "/MobileTeams"]);
        await WalkAsync(host, admin, leaks,
            ["/", "/Admin/Organisations", "/Admin/Users", "/Admin/BreakGlass", "/Identification/Checklists", "/Services"]);

        // Compared with an empty list so that a failure names every page, language and word at once.
        Assert.Equal([], leaks);
    }

    /// <summary>Signs in, then for each language: switches with the header's switcher and opens every page.</summary>
    private static async Task WalkAsync(BrowserHost host, BrowserHost.Account account, List<string> leaks, string[] pages)
    {
        await host.SignInAsync(account);
        var page = host.Page;
        foreach (var (culture, name) in PageSupport.Languages.Where(l => l.Culture != "en").Append(("en", "English")))
        {
            await page.SelectOptionAsync("#culture", culture);
            await page.ClickAsync("#set-culture");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
            await Expect(page.Locator("#culture")).ToHaveValueAsync(culture);
            foreach (var path in pages)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response is { Ok: true }, $"{account.UserName} {culture} {path}: {response?.Status}");
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
                if (culture == "en") continue;
                var text = await page.EvaluateAsync<string>(VisibleTextWithoutUserData);
                foreach (var word in English(text)) leaks.Add($"{culture} {path} ({name}): {word}");
            }
        }
        await page.GotoAsync("/");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Home");
    }

    /// <summary>
    /// The page's text less what users typed or chose by name (the signed-in user in the header, the language names
    /// in the switcher) and less code samples (API paths, file formats written as they are).
    /// </summary>
    private const string VisibleTextWithoutUserData = """
        () => {
            const skip = '.who, #culture, code, pre, script, style, [translate=no]';
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            const parts = [];
            for (let node = walker.nextNode(); node; node = walker.nextNode())
                if (!node.parentElement.closest(skip)) parts.push(node.nodeValue);
            return parts.join(' ');
        }
        """;

    /// <summary>
    /// English function words and interface words that are no word of Macedonian, Serbian, Bosnian, Croatian,
    /// Montenegrin or Albanian, and enum names written as code (two capitalised parts run together).
    /// </summary>
    private static IEnumerable<string> English(string text)
    {
        var found = Word().Matches(text).Select(m => m.Value)
            .Where(w => EnglishWords.Contains(w) || (EnumName().IsMatch(w) && !Allowed.Contains(w)))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        return found.Order(StringComparer.Ordinal);
    }

    private static readonly HashSet<string> EnglishWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "of", "and", "with", "for", "from", "this", "that", "these", "are", "was", "were", "has", "have", "not", "your", "you",
        "new", "save", "search", "case", "cases", "persons", "year", "name", "show", "edit", "cancel", "sign", "out", "home",
        "yes", "page", "next", "previous", "back", "all", "count", "table", "report", "download", "user", "users", "organisation",
        "organisations", "role", "type", "audit", "action", "actions", "when", "who", "what", "how", "we", "only", "each", "every", "must",
        "cannot", "will", "which", "there", "here", "none", "never", "unknown", "under", "over", "between", "until", "since", "total",
        "children", "child", "adult", "adults", "female", "police", "court", "health", "social", "work", "centre", "shelter",
        "shelters", "fund", "hotline", "deadline", "deadlines", "decision", "victim", "victims", "trafficking", "country",
        "language", "identification", "notes", "open", "closed", "active", "created", "changed", "read", "sent",
    };

    /// <summary>
    /// Names written the same in every language: products, and the test accounts' display names (BrowserHost names
    /// them after their role), which the header and the lists of users show as typed.
    /// </summary>
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal) { "FreeOTP", "CaseWorker", "NationalCoordinator" };

    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}']*")]
    private static partial Regex Word();

    [GeneratedRegex("^[A-Z][a-z]+[A-Z][a-z]+")]
    private static partial Regex EnumName();
}
