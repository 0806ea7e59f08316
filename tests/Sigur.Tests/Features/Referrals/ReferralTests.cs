using System.Net;
using Sigur.Features.Cases;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Referrals;

public sealed class ReferralTests : IClassFixture<AppPool>
{
    private static readonly string[] Actions = ["accept", "decline", "complete", "revoke"];

    /// <summary>From each status, which action is allowed; every other answers 409 and changes nothing.</summary>
    private static readonly Dictionary<ReferralStatus, string[]> Allowed = new()
    {
        [ReferralStatus.Requested] = ["accept", "decline", "revoke"],
        [ReferralStatus.Accepted] = ["complete", "revoke"],
        [ReferralStatus.Declined] = [],
        [ReferralStatus.Completed] = [],
        [ReferralStatus.Revoked] = [],
    };

    private static Task<HttpResponseMessage> Act(ReferralWorld w, Guid id, string action) => action switch
    {
        "accept" => w.RecipientClient.PostAsync($"/api/v1/referrals/{id}/accept", null),
        "decline" => w.RecipientClient.PostJsonAsync($"/api/v1/referrals/{id}/decline", new DeclineReferral.Request("No places for adult men")),
        "complete" => w.RecipientClient.PostAsync($"/api/v1/referrals/{id}/complete", null),
        "revoke" => w.HolderClient.PostJsonAsync($"/api/v1/referrals/{id}/revoke", new RevokeReferral.Request("Person moved to another town")),
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    private static async Task<ReferralView> ReferralIn(ReferralWorld w, ReferralStatus status)
    {
        var r = await w.ReferAsync(ServiceType.Psychological);
        var path = status switch
        {
            ReferralStatus.Requested => [],
            ReferralStatus.Accepted => ["accept"],
            ReferralStatus.Declined => ["decline"],
            ReferralStatus.Completed => ["accept", "complete"],
            ReferralStatus.Revoked => new[] { "revoke" },
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var step in path) Assert.Equal(HttpStatusCode.OK, (await Act(w, r.Id, step)).StatusCode);
        return r;
    }

    [Theory, BothProviders]
    public async Task Every_transition_from_every_status_is_allowed_or_refused_as_the_state_machine_says(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        await w.ConsentAsync();
        var failures = new List<string>();
        foreach (var (status, allowed) in Allowed)
            foreach (var action in Actions)
            {
                var r = await ReferralIn(w, status);
                var response = await Act(w, r.Id, action);
                var expected = allowed.Contains(action) ? HttpStatusCode.OK : HttpStatusCode.Conflict;
                if (response.StatusCode != expected) failures.Add($"{status} --{action}--> expected {(int)expected}, got {(int)response.StatusCode}");
                var after = await (await w.HolderClient.GetAsync($"/api/v1/referrals/{r.Id}")).ReadAsync<ReferralView>();
                var expectedStatus = expected != HttpStatusCode.OK ? status : action switch
                {
                    "accept" => ReferralStatus.Accepted,
                    "decline" => ReferralStatus.Declined,
                    "complete" => ReferralStatus.Completed,
                    _ => ReferralStatus.Revoked,
                };
                if (after.Status != expectedStatus) failures.Add($"{status} --{action}--> left {after.Status}, expected {expectedStatus}");
                // Finish active ones so that the next referral to the same organisation is allowed.
                if (after.Status is ReferralStatus.Requested or ReferralStatus.Accepted) await Act(w, r.Id, "revoke");
            }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Theory, BothProviders]
    public async Task Each_side_does_only_its_own_part_and_a_decline_needs_a_reason(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        await w.ConsentAsync();
        var r = await w.ReferAsync();
        // The sender cannot answer its own referral; the recipient cannot revoke it.
        Assert.Equal(HttpStatusCode.NotFound, (await w.HolderClient.PostAsync($"/api/v1/referrals/{r.Id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientClient.PostJsonAsync($"/api/v1/referrals/{r.Id}/revoke", new RevokeReferral.Request("no"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await w.RecipientClient.PostJsonAsync($"/api/v1/referrals/{r.Id}/decline", new DeclineReferral.Request(" "))).StatusCode);
        // A third organisation sees nothing of it.
        var stranger = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/referrals/{r.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/referrals/{r.Id}/accept", null)).StatusCode);
        // Two active referrals of one case to one organisation are one too many.
        var twice = await w.HolderClient.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(w.Case.Id, w.Recipient.Id, [ServiceType.Legal]));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Theory, BothProviders]
    public async Task Parallel_accept_and_decline_one_wins(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        await w.ConsentAsync();
        for (var round = 0; round < 3; round++)
        {
            var r = await w.ReferAsync();
            var responses = await Task.WhenAll(Act(w, r.Id, "accept"), Act(w, r.Id, "decline"), Act(w, r.Id, "accept"), Act(w, r.Id, "decline"));
            Assert.Single(responses, x => x.StatusCode == HttpStatusCode.OK);
            Assert.All(responses.Where(x => x.StatusCode != HttpStatusCode.OK), x => Assert.Equal(HttpStatusCode.Conflict, x.StatusCode));
            await Act(w, r.Id, "revoke");
        }
    }

    [Theory, BothProviders]
    public async Task The_recipient_sees_the_case_only_while_the_referral_is_active(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        await w.ConsentAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientReadsCase()).StatusCode); // consent alone opens nothing

        foreach (var (status, ends) in new[] { (ReferralStatus.Declined, "decline"), (ReferralStatus.Revoked, "revoke"), (ReferralStatus.Completed, "complete") })
        {
            var r = await w.ReferAsync();
            Assert.Equal(HttpStatusCode.OK, (await w.RecipientReadsCase()).StatusCode); // requested: the commit ended the "none" ReferralAccess remembered
            if (status == ReferralStatus.Completed)
            {
                Assert.Equal(HttpStatusCode.OK, (await Act(w, r.Id, "accept")).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await w.RecipientReadsCase()).StatusCode); // accepted
            }
            Assert.Equal(HttpStatusCode.OK, (await Act(w, r.Id, ends)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientReadsCase()).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientClient.GetAsync($"/api/v1/cases/{w.Case.Id}/referrals")).StatusCode);
        }

        // The inbox keeps the history; the holder's case history has all three.
        var inbox = await (await w.RecipientClient.GetAsync("/api/v1/referrals/inbox")).ReadAsync<List<ReferralView>>();
        Assert.Equal(3, inbox.Count(i => i.CaseId == w.Case.Id));
        var declined = Assert.Single(inbox, i => i.Status == ReferralStatus.Declined);
        Assert.Equal("No places for adult men", declined.DeclineReason);
        var history = await (await w.HolderClient.GetAsync($"/api/v1/cases/{w.Case.Id}/referrals")).ReadAsync<List<ReferralView>>();
        Assert.Equal(3, history.Count);
        var sent = await (await w.HolderClient.GetAsync("/api/v1/referrals/sent")).ReadAsync<List<ReferralView>>();
        Assert.Equal(3, sent.Count);
        Assert.Empty(await (await w.HolderClient.GetAsync("/api/v1/referrals/inbox")).ReadAsync<List<ReferralView>>());
    }

    [Theory, BothProviders]
    public async Task The_recipient_reads_but_never_writes_the_referred_case(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        await w.ConsentAsync(DataGroup.Exploitation);
        await w.ReferAsync();
        var seen = await (await w.RecipientReadsCase()).ReadAsync<CaseDetail>();
        var edit = new EditCase.Request(seen.Version, seen.Person.Version,
            new CaseInput(seen.IntakeChannel, seen.IntakeDate, Narrative: "overwritten by the recipient"),
            new PersonInput("X", "Y"));
        Assert.Equal(HttpStatusCode.NotFound, (await w.RecipientClient.PutJsonAsync($"/api/v1/cases/{w.Case.Id}", edit)).StatusCode);
        var own = await (await w.HolderClient.GetAsync($"/api/v1/cases/{w.Case.Id}")).ReadAsync<CaseDetail>();
        Assert.Equal("Marija", own.Person.GivenName);
        Assert.Equal("Recruited with a false job offer.", own.Narrative);
        // Nor can it refer on what it was referred.
        var third = await app.NewOrganisationAsync();
        var onward = await w.RecipientClient.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(w.Case.Id, third.Id, [ServiceType.Legal]));
        Assert.Equal(HttpStatusCode.NotFound, onward.StatusCode);
    }

    [Theory, BothProviders]
    public async Task The_referral_inbox_speaks_the_user_s_language_in_either_script(TestApp app)
    {
        var worker = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        var latin = await Pages.ReadAsync(worker, "/Referrals/Inbox", "sr-Latn");
        Assert.Contains("Poslato nama", latin);
        Assert.DoesNotContain("Sent to us", latin);
        Assert.Contains("Упућивања", await Pages.ReadAsync(worker, "/Referrals/Inbox", "sr-Cyrl"));
    }
}
