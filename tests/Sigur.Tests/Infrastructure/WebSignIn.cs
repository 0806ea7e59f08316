using System.Net;
using System.Text.RegularExpressions;

namespace Sigur.Tests.Infrastructure;

/// <summary>Signing in on the pages as a browser does (forms, antiforgery tokens, cookies), over HTTP without a browser.</summary>
public static partial class WebSignIn
{
    /// <summary>Posts a form of the page at <paramref name="url"/> with the antiforgery token the page gave.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> form)
    {
        var page = await client.GetAsync(url);
        var html = await page.Content.ReadAsStringAsync();
        form["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(html).Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    /// <summary>The password step; the client then holds the two-factor cookie.</summary>
    public static Task<HttpResponseMessage> PasswordAsync(this HttpClient client, string userName, string password) =>
        client.PostFormAsync("/Account/Login", new() { ["UserName"] = userName, ["Password"] = password });

    /// <summary>Both steps; answers the second step's response (a redirect to the home page when it worked).</summary>
    public static async Task<HttpResponseMessage> SignInOnPagesAsync(this HttpClient client, TestApp app, TestUser user)
    {
        var password = await client.PasswordAsync(user.UserName, user.Password);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        return await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Code"] = await Totp.FreshCodeAsync(app.Services, user.Id, user.AuthenticatorKey) });
    }

    /// <summary>The value of the cookie <paramref name="name"/> that a response set.</summary>
    public static string? SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
