using System.Net;

namespace Sigur.Tests.Infrastructure;

/// <summary>Razor pages read as a browser reads them.</summary>
public static class Pages
{
    /// <summary>The page's HTML, in <paramref name="culture"/> when given (Accept-Language); anything but 200 fails the test.</summary>
    public static async Task<string> ReadAsync(HttpClient client, string url, string? culture = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (culture is not null) request.Headers.AcceptLanguage.ParseAdd(culture);
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }
}
