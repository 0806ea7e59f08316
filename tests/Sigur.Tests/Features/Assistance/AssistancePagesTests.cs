using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Assistance;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Assistance;

/// <summary>
/// The directory, assistance-plan, mobile-team and reintegration pages render (in English and in Macedonian) and post
/// through the same use cases as the API.
/// </summary>
public sealed partial class AssistancePagesTests : IClassFixture<AppPool>
{
    private static async Task<string> Post(HttpClient client, string url, params (string, string)[] form)
    {
        var token = Token().Match(await Pages.ReadAsync(client, url.Split("?handler=")[0])).Groups[1].Value;
        var response = await client.PostAsync(url, new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
            .Append(new("__RequestVerificationToken", token))));
        if (response.StatusCode == HttpStatusCode.Redirect) return await Pages.ReadAsync(client, response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("/MobileTeams/Team/([0-9a-f-]{36})")]
    private static partial Regex TeamLink();

    [Theory, BothProviders]
    public async Task A_case_worker_uses_the_directory_plan_team_and_reintegration_pages(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        var c = await worker.RegisterAsync();
        var region = $"Reg{Guid.NewGuid():N}"[..12];

        var directory = await Post(worker, "/Services", ("Form.Type", "Legal"), ("Form.Name", "Free legal aid"), ("Form.Region", region), ("Form.Languages", "mk, sq"),
            ("Form.ServesFemale", "true"), ("Form.ServesMale", "true"), ("Form.ServesAdults", "true"), ("Form.ServesChildren", "false"));
        Assert.Contains("Free legal aid", directory);
        var refused = await Post(worker, "/Services", ("Form.Type", "Legal"), ("Form.Name", ""), ("Form.Region", region));
        Assert.Contains("Required, at most 200 characters.", refused);

        var details = await Pages.ReadAsync(worker, $"/Cases/Details/{c.Id}");
        Assert.Contains($"/Assistance/Case/{c.Id}", details);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var plan = await Post(worker, $"/Assistance/Case/{c.Id}?handler=Create", ("Needs", "Counselling and housing"), ("Goals", "Independent living"),
            ("NextReviewOn", today.AddDays(30).ToString("yyyy-MM-dd")));
        Assert.Contains("Counselling and housing", plan);
        Assert.Contains("Submit for approval", plan);
        var plans = await app.WithDbAsync(db => Task.FromResult(db.AssistancePlans().IgnoreQueryFilters().Where(p => p.CaseId == c.Id).ToList()));
        Assert.Equal(PlanStatus.Draft, Assert.Single(plans).Status);

        var teams = await Post(worker, "/MobileTeams", ("Name", "Team East"), ("Region", "Štip"), ("MemberOrganisations", org.Id.ToString()),
            ("MemberNames", "Outreach worker"), ("MemberFunctions", "Social worker"));
        var teamId = TeamLink().Match(teams).Groups[1].Value;
        Assert.NotEmpty(teamId);
        Assert.Contains("Outreach worker", await Pages.ReadAsync(worker, $"/MobileTeams/Team/{teamId}"));

        var returned = await Post(worker, $"/Reintegration/Case/{c.Id}?handler=Start", ("On", today.ToString("yyyy-MM-dd")));
        Assert.Contains("Record a contact", returned);

        // The same pages in Macedonian.
        worker.DefaultRequestHeaders.AcceptLanguage.ParseAdd("mk");
        Assert.Contains("Именик на услуги", await Pages.ReadAsync(worker, "/Services"));
        Assert.Contains("План за помош", await Pages.ReadAsync(worker, $"/Assistance/Case/{c.Id}"));
        Assert.Contains("Мобилни тимови за идентификација", await Pages.ReadAsync(worker, "/MobileTeams"));
        Assert.Contains("Реинтеграција и враќање", await Pages.ReadAsync(worker, $"/Reintegration/Case/{c.Id}"));

        // Another organisation's case plan page answers 404.
        var stranger = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Assistance/Case/{c.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Reintegration/Case/{c.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/MobileTeams/Team/{teamId}")).StatusCode);
    }
}
