using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Platform.Web;

/// <summary>The pages work under the strict Content-Security-Policy: Chromium refuses nothing on them.</summary>
public sealed class ContentSecurityPolicyBrowserTests
{
    [Fact(Timeout = 240_000)]
    public async Task Chromium_refuses_nothing_on_the_pages_and_the_api_reference()
    {
        await using var host = await BrowserHost.StartAsync();
        var worker = await host.AccountAsync(Role.CaseWorker, "csp.worker", type: OrganisationType.SocialWorkCentre);
        await host.SignInAsync(worker);
        foreach (var url in new[] { "/", "/Cases", "/Cases/New", "/Justice/Catalogue/MK/2004", "/Account/ChangePassword", "/Account/Logout" })
        {
            await host.Page.GotoAsync(url);
            await Expect(host.Page.Locator("main")).ToBeVisibleAsync();
        }

        await host.Page.GotoAsync("/api/reference/");
        await Expect(host.Page.GetByText("Exchange user name, password and authenticator code").First).ToBeVisibleAsync();

        // Scalar asks for its web font from its own server; the policy refuses it and the page uses the system font
        // (the reference page is to work without internet anyway).
        var refused = host.PolicyViolations.Where(v => !v.Contains("Loading the font 'https://fonts.scalar.com/", StringComparison.Ordinal)).ToList();
        Assert.True(refused.Count == 0, string.Join('\n', refused));
    }
}
