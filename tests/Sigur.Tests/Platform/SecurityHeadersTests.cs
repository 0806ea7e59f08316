using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>Security headers on every answer, cookies that stay home, and an API that a cookie cannot write through.</summary>
public sealed class SecurityHeadersTests(AppPool pool) : IClassFixture<AppPool>
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/")]
    [InlineData("/sigur.css")]
    [InlineData("/api/v1/me")]
    [InlineData("/api/reference/")]
    [InlineData("/no/such/page")]
    public async Task Every_answer_carries_a_strict_content_security_policy_and_the_other_headers(string url)
    {
        var app = await pool.GetAsync(Providers.Sqlite);
        var response = await app.AnonymousClient().GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
        // Not over plain HTTP (a browser ignores it there).
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_api_reference_runs_its_own_script_by_a_fresh_nonce()
    {
        var app = await pool.GetAsync(Providers.Sqlite);
        var response = await app.AnonymousClient().GetAsync("/api/reference/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains($"nonce=\"{nonce}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_hsts_is_sent_and_the_antiforgery_cookie_is_secure()
    {
        var app = await pool.GetAsync(Providers.Sqlite);
        var client = app.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var antiforgery = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_two_factor_cookie_is_same_site_strict()
    {
        var app = await pool.GetAsync(Providers.Sqlite);
        var user = await app.NewUserAsync(Sigur.Platform.Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var password = await app.AnonymousClient().PasswordAsync(user.UserName, user.Password);

        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.Contains("samesite=strict", WebSignIn.SetCookie(password, "Identity.TwoFactorUserId"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory, BothProviders]
    public async Task The_api_takes_no_cookie_so_another_site_cannot_write_through_a_signed_in_browser(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var user = await app.NewUserAsync(Sigur.Platform.Role.CaseWorker, org.Id);
        var browser = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInOnPagesAsync(app, user)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Cases")).StatusCode);
        browser.DefaultRequestHeaders.Add("Origin", "http://evil.example");

        var forged = await browser.PostJsonAsync("/api/v1/cases", CaseRequests.New("Ana", "Forged"));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync(c => c.OrganisationId == org.Id)));
    }
}
