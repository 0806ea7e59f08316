using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform.Web;

/// <summary>
/// A browser that meets an error gets a page in the layout and the reader's language (404, 403, 500); the same
/// errors under /api stay RFC 9457 ProblemDetails.
/// </summary>
public sealed class ErrorPageTests
{
    /// <summary>A request nothing answers, which then fails: after the whole pipeline, where a real failure happens.</summary>
    private sealed class Failing : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context =>
            {
                if (context.Request.Path.Value!.EndsWith("/fail-for-test", StringComparison.Ordinal)) throw new InvalidOperationException("a failure with a canary value 7fd3");
                context.Response.StatusCode = StatusCodes.Status404NotFound; // what the host answers where nothing matched
                return Task.CompletedTask;
            });
        };
    }

    [Theory, BothProviders]
    public async Task Pages_answer_errors_with_html_in_the_layout_and_the_api_with_problem_details(string provider)
    {
        await using var app = await TestApp.StartAsync(provider, b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new Failing())));
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);

        async Task<string> Html(HttpResponseMessage response, HttpStatusCode status)
        {
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("<main id=\"main\"", html);
            Assert.Contains("id=\"error-page\"", html);
            return html;
        }

        // 404: a case that does not exist (or is not the reader's), and a page that does not exist.
        var missing = await Html(await worker.GetAsync($"/Cases/Details/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Contains("Not found", missing);
        await Html(await worker.GetAsync("/No/Such/Page"), HttpStatusCode.NotFound);
        // In the reader's language.
        using (var mk = new HttpRequestMessage(HttpMethod.Get, $"/Cases/Details/{Guid.NewGuid()}"))
        {
            mk.Headers.AcceptLanguage.ParseAdd("mk");
            Assert.Contains("Не е пронајдено", await Html(await worker.SendAsync(mk), HttpStatusCode.NotFound));
        }
        // 403: a page the role does not include.
        Assert.Contains("Not allowed", await Html(await worker.GetAsync("/Admin/Audit"), HttpStatusCode.Forbidden));
        // 500: a failure, with a reference for the administrator and nothing of the exception.
        var failed = await Html(await worker.GetAsync("/fail-for-test"), HttpStatusCode.InternalServerError);
        Assert.Contains("id=\"error-reference\"", failed);
        Assert.DoesNotContain("7fd3", failed);
        Assert.DoesNotContain("InvalidOperationException", failed);

        // /api: ProblemDetails, as before.
        foreach (var (url, status) in new[] { ($"/api/v1/cases/{Guid.NewGuid()}", HttpStatusCode.NotFound), ("/api/v1/users", HttpStatusCode.Forbidden),
                     ("/api/v1/fail-for-test", HttpStatusCode.InternalServerError) })
        {
            var response = await worker.GetAsync(url);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("7fd3", await response.Content.ReadAsStringAsync());
        }
    }
}
