using System.Net;
using Sigur.Features.Referrals;
using Sigur.Platform.Access;
using Sigur.Platform.Notifications;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Referrals;

/// <summary>
/// What the recipient of a referral sees on its pages: the case only in the inbox until it accepts, withheld fields
/// said to be not shared, a referral whose consent was withdrawn said to be so without a dead link, and the notice of
/// the new referral gone once it is answered.
/// </summary>
public sealed class ReferralPagesTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task The_recipient_meets_the_case_in_its_inbox_sees_what_is_not_shared_and_learns_that_consent_was_withdrawn(TestApp app)
    {
        var w = await ReferralWorld.CreateAsync(app);
        var consent = await w.ConsentAsync(DataGroup.Exploitation);
        var referral = await w.ReferAsync();
        var reference = w.Case.Reference;

        // Before accepting: in the inbox, not among the organisation's latest cases on its home page.
        Assert.Contains(reference, await Pages.ReadAsync(w.RecipientClient, "/Referrals/Inbox", "en"));
        Assert.DoesNotContain(reference, await Pages.ReadAsync(w.RecipientClient, "/", "en"));
        Assert.Contains(reference, await Pages.ReadAsync(w.HolderClient, "/", "en"));

        // The identity the consent withholds says so; the narrative it shares is there.
        var seen = await Pages.ReadAsync(w.RecipientClient, $"/Cases/Details/{w.Case.Id}", "en");
        Assert.Contains("<dt>Name</dt><dd>not shared</dd>", seen);
        Assert.Contains("<dt>Date of birth</dt><dd>not shared</dd>", seen);
        Assert.Contains("<dt>Narrative</dt><dd>Recruited with a false job offer.</dd>", seen);
        Assert.DoesNotContain("not shared", await Pages.ReadAsync(w.HolderClient, $"/Cases/Details/{w.Case.Id}", "en"));

        // The notice of the new referral is there until the recipient answers it.
        async Task<int> UnreadNew() => (await (await w.RecipientClient.GetAsync("/api/v1/notifications?unreadOnly=true")).ReadAsync<NotificationApi.Response>())
            .Items.Count(n => n.Kind == "Referral.New" && n.Arguments.Contains(reference));
        Assert.Equal(1, await UnreadNew());
        Assert.Equal(HttpStatusCode.OK, (await w.RecipientClient.PostAsync($"/api/v1/referrals/{referral.Id}/accept", null)).StatusCode);
        Assert.Equal(0, await UnreadNew());

        // Accepted, then the person withdraws consent: the inbox says so and links no case.
        var inbox = Row(await Pages.ReadAsync(w.RecipientClient, "/Referrals/Inbox", "en"), referral.Id);
        Assert.Contains($"href=\"/Cases/Details/{w.Case.Id}\"", inbox);
        Assert.Equal(HttpStatusCode.OK, (await w.HolderClient.PostAsync($"/api/v1/consents/{consent.Id}/withdraw", null)).StatusCode);
        inbox = Row(await Pages.ReadAsync(w.RecipientClient, "/Referrals/Inbox", "en"), referral.Id);
        Assert.Contains("Consent withdrawn: the case is no longer shared with you", inbox);
        Assert.DoesNotContain("/Cases/Details/", inbox);
        Assert.DoesNotContain(">Accepted<", inbox);
    }

    private static string Row(string html, Guid referralId)
    {
        var start = html.IndexOf($"<tr id=\"referral-{referralId}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "the referral's row is missing");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }
}
