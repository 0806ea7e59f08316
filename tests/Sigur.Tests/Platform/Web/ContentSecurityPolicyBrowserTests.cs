using Sigur.Platform;
using Sigur.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Sigur.Tests.Platform.Web;

/// <summary>The pages work under the strict Content-Security-Policy: Chromium refuses nothing on them.</summary>
public sealed class ContentSecurityPolicyBrowserTests
{
    [Fact(Timeout = 240_000)]
    public async Task Chromium_refuses_nothing_on_the_pages_and_runs_the_api_reference()
    {
        await using var host = await BrowserHost.StartAsync();
        var worker = await host.AccountAsync(Role.CaseWorker, "csp.worker", type: OrganisationType.SocialWorkCentre);
        await host.SignInAsync(worker);
        foreach (var url in new[] { "/", "/Cases", "/Cases/New", "/Justice/Catalogue/MK/2004", "/Account/ChangePassword", "/Account/Logout" })
        {
            await host.Page.GotoAsync(url);
            await Expect(host.Page.Locator("main")).ToBeVisibleAsync();
        }
        Assert.True(host.PolicyViolations.IsEmpty, string.Join('\n', host.PolicyViolations));

        // The reference page's script runs (by its nonce) and renders the document it fetched. Scalar also adds
        // inline styles, some of whose hashes depend on the document (SecurityHeaders allows the stable ones), and
        // asks for a web font from its own server: both may be refused without stopping the page.
        await host.Page.GotoAsync("/api/reference/");
        await host.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await Expect(host.Page.GetByText("Exchange user name, password and authenticator code").First)
            .ToBeAttachedAsync(new() { Timeout = 90_000 }); // a megabyte of script on a busy machine
        var refused = host.PolicyViolations.Where(v => !v.Contains("Loading the font 'https://fonts.scalar.com/", StringComparison.Ordinal)
            && !v.StartsWith("Applying inline style violates", StringComparison.Ordinal)).ToList();
        Assert.True(refused.Count == 0, string.Join('\n', refused));
        await host.AssertAccessibleAsync();
    }
}
