using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Features.Cases;

/// <summary>
/// Every screen: on a 390 px phone the case list and the case pages fit the screen (no sideways scrolling); on a
/// desktop the identification page fits in the languages with the longest labels; printed, the case page shows the
/// record without its buttons and forms.
/// </summary>
public sealed class ScreenBrowserTests
{
    private static Task<int> PageWidth(IPage page) => page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    [Fact(Timeout = 300_000)]
    public async Task Case_pages_fit_a_phone_and_a_desktop_in_every_language_and_print_clean()
    {
        await using var host = await BrowserHost.StartAsync();
        var worker = await host.AccountAsync(Role.CaseWorker, "browser.screens", type: OrganisationType.SocialWorkCentre,
            organisationName: "Centre for social work of the City of Skopje, Department for the protection of victims of trafficking");
        var page = host.Page;
        await page.SetViewportSizeAsync(390, 844);
        await host.SignInAsync(worker);

        await page.GotoAsync("/Cases/New");
        await page.FillAsync("#Form_GivenName", "Aleksandra");
        await page.FillAsync("#Form_FamilyName", "Stojanovska-Trajkovska");
        await page.SelectOptionAsync("#Form_IntakeChannel", "LabourInspection");
        await page.CheckAsync("input[name='Form.FormsOfExploitation'][value='ForcedLabour']");
        await page.ClickAsync("main button[type=submit].primary");
        await Expect(page).ToHaveURLAsync(new Regex("/Cases/Details/[0-9a-f-]{36}$"));
        var caseId = page.Url[^36..];

        foreach (var culture in new[] { "en", "mk", "sr-Cyrl", "sq" })
        {
            await page.SelectOptionAsync("#culture", culture);
            await page.ClickAsync("#set-culture");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", culture);
            foreach (var url in new[] { "/Cases", $"/Cases/Details/{caseId}", $"/Identification/Case/{caseId}", "/" })
            {
                await page.GotoAsync(url);
                Assert.True(await PageWidth(page) <= 390, $"{url} in {culture} at 390 px: {await PageWidth(page)} px wide");
            }
        }

        await page.SetViewportSizeAsync(1280, 900);
        foreach (var culture in new[] { "mk", "sr-Cyrl" })
        {
            await page.SelectOptionAsync("#culture", culture);
            await page.ClickAsync("#set-culture");
            await page.GotoAsync($"/Identification/Case/{caseId}");
            Assert.True(await PageWidth(page) <= 1280, $"the identification page in {culture} at 1280 px: {await PageWidth(page)} px wide");
        }

        // Printed: the record, without buttons, forms or navigation.
        await page.GotoAsync($"/Cases/Details/{caseId}");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(page.Locator("main dl.detail").First).ToBeVisibleAsync();
        await Expect(page.Locator("header nav")).ToBeHiddenAsync();
        foreach (var control in await page.Locator("main button, main a.button, main form").AllAsync())
            await Expect(control).ToBeHiddenAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await host.AssertAccessibleAsync();
    }
}
