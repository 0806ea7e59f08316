using System.Net;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Referrals;

/// <summary>The list where a second person finds the overrides waiting for review, and decides them.</summary>
public sealed class OverrideReviewTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task Overrides_wait_in_the_list_until_a_second_person_decides_them(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var recipient = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var maker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var approver = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await maker.RegisterAsync();
        var made = await maker.PostJsonAsync($"/api/v1/cases/{c.Id}/disclosure-overrides", new OverrideConsent.Request(
            ConsentBasis.DangerToLife, [recipient.Id], [DataGroup.Location], "The trafficker found her address; she must be moved tonight."));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var over = await made.ReadAsync<ConsentView>();
        // An ordinary consent never waits for review.
        await maker.PostJsonAsync($"/api/v1/cases/{c.Id}/consents", new RecordConsent.Request(ConsentGiver.Person, [recipient.Id], [DataGroup.Health], "Care",
            DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(1)));

        var seenByMaker = await (await maker.GetAsync("/api/v1/consents/overrides-waiting")).ReadAsync<List<PendingOverrides.Item>>();
        var mine = Assert.Single(seenByMaker);
        Assert.Equal((over.Id, c.Reference, false), (mine.Id, mine.CaseReference, mine.MayDecide));
        var seenByApprover = Assert.Single(await (await approver.GetAsync("/api/v1/consents/overrides-waiting")).ReadAsync<List<PendingOverrides.Item>>());
        Assert.True(seenByApprover.MayDecide);
        Assert.Contains("moved tonight", seenByApprover.Reason, StringComparison.Ordinal);
        // Another organisation's approvers never see it.
        var stranger = await app.ClientAsync(Role.CaseWorker, recipient.Id);
        Assert.Empty(await (await stranger.GetAsync("/api/v1/consents/overrides-waiting")).ReadAsync<List<PendingOverrides.Item>>());

        // The approver decides on the page; the override leaves the list, approved.
        var page = await approver.GetAsync("/Referrals/Overrides");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(c.Reference, html, StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var posted = await approver.PostAsync($"/Referrals/Overrides?handler=Approve&id={over.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.True(posted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, posted.StatusCode.ToString());
        Assert.Empty(await (await approver.GetAsync("/api/v1/consents/overrides-waiting")).ReadAsync<List<PendingOverrides.Item>>());
        var consents = await (await approver.GetAsync($"/api/v1/cases/{c.Id}/consents")).ReadAsync<List<ConsentView>>();
        Assert.Equal(OverrideReview.Approved, consents.Single(x => x.Id == over.Id).Review);
    }
}
