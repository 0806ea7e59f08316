using Sigur.Platform.Notifications;

namespace Sigur.Features.Referrals;

/// <summary>
/// The notifications of referral work: a new referral for the recipient's inbox, the answer for the person who sent
/// it, a withdrawn consent for each organisation that was reading the case. Case references only, never a name.
/// </summary>
public static class ReferralNotices
{
    public const string New = "Referral.New";

    /// <summary>The referral's row in the recipient's inbox.</summary>
    public static string InboxLink(Guid referralId) => $"/Referrals/Inbox#referral-{referralId}";

    /// <summary>For the recipient's inbox, until someone there accepts or declines it.</summary>
    public static void NewReferral(Notifier notifier, Referral r) =>
        notifier.Add(r.RecipientOrganisationId, null, new NotificationMessage(New, [r.CaseReference], InboxLink(r.Id)));

    /// <summary>The recipient answered: the notice of the new referral has nothing left to ask.</summary>
    public static Task AnsweredByRecipientAsync(Notifier notifier, Referral r, CancellationToken ct) =>
        notifier.SettleAsync(r.RecipientOrganisationId, New, InboxLink(r.Id), ct);

    /// <summary>To the user who sent the referral (so it is also mailed, when they have an address).</summary>
    public static void Answered(Notifier notifier, Referral r) =>
        notifier.Add(r.OrganisationId, r.RequestedBy, new NotificationMessage($"Referral.{r.Status}", [r.CaseReference], $"/Referrals/Refer/{r.CaseId}"));

    public static void ConsentWithdrawn(Notifier notifier, Guid recipientOrganisationId, string caseReference) =>
        notifier.Add(recipientOrganisationId, null, new NotificationMessage("Consent.Withdrawn", [caseReference], "/Referrals/Inbox"));
}
