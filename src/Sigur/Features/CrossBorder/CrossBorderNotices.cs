using Sigur.Platform.Notifications;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// The notifications of cross-border work: a referral from abroad for the receiving office, the peer's answer for
/// the sender, and a package that does not get through. Country codes and case references only, never a name.
/// </summary>
public static class CrossBorderNotices
{
    /// <summary>After this many failed attempts a package is reported stuck, once.</summary>
    public const int StuckAttempts = 10;

    public static void Arrived(Notifier notifier, Conversation c, string country) =>
        notifier.Add(c.OrganisationId, null, new NotificationMessage("CrossBorder.New", [country, c.CaseReference], "/CrossBorder"));

    public static void Answered(Notifier notifier, Conversation c, string country) =>
        notifier.Add(c.OrganisationId, null, new NotificationMessage($"CrossBorder.{c.Status}", [country, c.CaseReference], "/CrossBorder"));

    public static void NoticeArrived(Notifier notifier, Guid office, string country) =>
        notifier.Add(office, null, new NotificationMessage("CrossBorder.Notice", [country], "/CrossBorder"));

    public static void Stuck(Notifier notifier, Guid organisationId, string country, string caseReference, int attempts) =>
        notifier.Add(organisationId, null, new NotificationMessage("CrossBorder.Stuck", [country, caseReference, attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)], "/CrossBorder"));
}
