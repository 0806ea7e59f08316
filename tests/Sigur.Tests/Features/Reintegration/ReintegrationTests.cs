using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Reintegration;
using Sigur.Features.Referrals;
using Sigur.Tests.Features.Referrals;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Reintegration;

public sealed class ReintegrationTests : IClassFixture<AppPool>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static FollowReintegration.Contact Contact(int daysAgo, RiskLevel risk, string note = "Living with her aunt; started a tailoring course.") =>
        new(Today.AddDays(-daysAgo), Situation.Stable, Situation.Improving, Situation.Improving, Situation.Stable, risk, note);

    [Theory, BothProviders]
    public async Task Reintegration_is_followed_over_months_and_closed_once_with_an_outcome(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        var started = await w.HolderClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/reintegration", new FollowReintegration.Start(Today.AddDays(-180)));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var followUp = await started.ReadAsync<FollowUpView>();
        Assert.Equal(HttpStatusCode.Conflict, (await w.HolderClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/reintegration", new FollowReintegration.Start(Today))).StatusCode);
        foreach (var daysAgo in new[] { 150, 90, 30 })
            Assert.Equal(HttpStatusCode.Created, (await w.HolderClient.PostJsonAsync($"/api/v1/reintegration/{followUp.Id}/contacts", Contact(daysAgo, RiskLevel.Low))).StatusCode);

        var bad = await w.HolderClient.PostJsonAsync($"/api/v1/reintegration/{followUp.Id}/contacts", Contact(-3, RiskLevel.Low));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"contactOn\"", await bad.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await w.HolderClient.PostJsonAsync($"/api/v1/reintegration/{followUp.Id}/closure",
            new FollowReintegration.Closure(followUp.Version, Today, ReintegrationOutcome.Reintegrated, "Employed, own flat."))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await w.HolderClient.PostJsonAsync($"/api/v1/reintegration/{followUp.Id}/closure",
            new FollowReintegration.Closure(followUp.Version + 1, Today, ReintegrationOutcome.LostContact, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await w.HolderClient.PostJsonAsync($"/api/v1/reintegration/{followUp.Id}/contacts", Contact(0, RiskLevel.Low))).StatusCode);

        var view = await (await w.HolderClient.GetAsync($"/api/v1/cases/{w.Case.Id}/reintegration")).ReadAsync<CaseReintegrationView>();
        var only = Assert.Single(view.FollowUps);
        Assert.Equal((ReintegrationOutcome.Reintegrated, 3), (only.Outcome!.Value, only.Contacts.Count));

        // The notes are encrypted at rest.
        var stored = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT note AS \"Value\" FROM follow_up_contacts UNION ALL SELECT closure_note FROM reintegration_follow_ups").ToListAsync());
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, s => s.Contains("tailoring", StringComparison.Ordinal) || s.Contains("own flat", StringComparison.Ordinal));
    }

    [Theory, BothProviders]
    public async Task A_voluntary_return_needs_its_risk_assessment_and_is_followed_up_only_after_the_departure(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        var request = new PlanReturn.Request("AL", RiskLevel.High, "Recruiter lives in the home village.", "Mother supportive, father in debt to the recruiter.",
            "", "Bus Skopje–Tirana with an escort", "Met by the partner NGO in Tirana", Today.AddDays(14));
        var refused = await w.HolderClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/returns", request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"servicesAtDestination\"", await refused.Content.ReadAsStringAsync());

        var planned = await (await w.HolderClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/returns",
            request with { ServicesAtDestination = "Shelter place and counselling at the partner NGO" })).ReadAsync<ReturnView>();
        Assert.Equal(HttpStatusCode.Conflict, (await w.HolderClient.PostJsonAsync($"/api/v1/returns/{planned.Id}/follow-ups", Contact(0, RiskLevel.Medium))).StatusCode);
        var departed = await (await w.HolderClient.PostJsonAsync($"/api/v1/returns/{planned.Id}/departure", new PlanReturn.Departure(planned.Version, Today.AddDays(-2))))
            .ReadAsync<ReturnView>();
        Assert.Equal(ReturnStatus.Returned, departed.Status);
        Assert.Equal(HttpStatusCode.Conflict, (await w.HolderClient.PostJsonAsync($"/api/v1/returns/{planned.Id}/cancellation", new PlanReturn.Cancellation(departed.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await w.HolderClient.PostJsonAsync($"/api/v1/returns/{planned.Id}/follow-ups", Contact(5, RiskLevel.Medium))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await w.HolderClient.PostJsonAsync($"/api/v1/returns/{planned.Id}/follow-ups", Contact(0, RiskLevel.Medium))).StatusCode);

        var view = await (await w.HolderClient.GetAsync($"/api/v1/cases/{w.Case.Id}/reintegration")).ReadAsync<CaseReintegrationView>();
        var r = Assert.Single(view.Returns);
        Assert.Equal((RiskLevel.High, 1), (r.RetraffickingRisk, r.FollowUps.Count));

        // Even with a referral and a consent covering every group, the recipient sees none of it and writes nothing.
        await w.ConsentAsync();
        await w.ReferAsync(ServiceType.VoluntaryReturn);
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientClient.GetAsync($"/api/v1/cases/{w.Case.Id}/reintegration")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientClient.PostJsonAsync($"/api/v1/returns/{planned.Id}/follow-ups", Contact(0, RiskLevel.Low))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientClient.PostJsonAsync($"/api/v1/cases/{w.Case.Id}/reintegration", new FollowReintegration.Start(Today))).StatusCode);

        var stored = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT family_situation AS \"Value\" FROM voluntary_returns UNION ALL SELECT reception_arrangements FROM voluntary_returns").ToListAsync());
        Assert.NotEmpty(stored);
        Assert.DoesNotContain(stored, s => s.Contains("Mother", StringComparison.Ordinal) || s.Contains("Tirana", StringComparison.Ordinal));
    }
}
