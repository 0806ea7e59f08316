using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform.Web;

/// <summary>
/// The API reference page in Chromium: it shows the operations, asks nothing of any other host (no CDN, no web
/// fonts, no telemetry), breaks no Content-Security-Policy, and shows no vendor buttons.
/// </summary>
public sealed class ApiReferenceBrowserTests
{
    [Fact(Timeout = 180_000)]
    public async Task The_api_reference_works_offline_and_shows_no_vendor_buttons()
    {
        await using var host = await BrowserHost.StartAsync();
        var page = host.Page;
        var origin = new Uri(host.BaseUrl);
        var elsewhere = new List<string>();
        var refused = new List<string>();
        // Anything for another host is recorded and aborted: the page must work as it would with no internet at all.
        await page.RouteAsync("**/*", async route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "http" or "https" && (url.Host != origin.Host || url.Port != origin.Port))
            {
                elsewhere.Add(route.Request.Url);
                await route.AbortAsync();
                return;
            }
            await route.ContinueAsync();
        });
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) refused.Add(message.Text);
        };

        var response = await page.GotoAsync("/api/reference");
        Assert.Equal(200, response!.Status);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.GetByText("Exchange user name, password and authenticator code for a bearer token").First).ToBeVisibleAsync(new() { Timeout = 30_000 });

        Assert.Empty(elsewhere);
        Assert.True(refused.Count == 0, string.Join("\n", refused));
        var links = await page.EvalOnSelectorAllAsync<string[]>("a[href]", "as => as.filter(a => a.offsetParent !== null).map(a => a.href)");
        Assert.DoesNotContain(links, l => !l.StartsWith(host.BaseUrl, StringComparison.Ordinal) && !l.StartsWith('#') && l.StartsWith("http", StringComparison.Ordinal));
        var text = await page.InnerTextAsync("body");
        foreach (var vendor in new[] { "Powered by", "Scalar", "Open API Client", "Ask AI", "Generate MCP", "Download app" })
            Assert.DoesNotContain(vendor, text, StringComparison.OrdinalIgnoreCase);
        await host.AssertAccessibleAsync();
    }
}
