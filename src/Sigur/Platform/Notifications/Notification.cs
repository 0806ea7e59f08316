using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Access;

namespace Sigur.Platform.Notifications;

/// <summary>
/// An in-app notification for one user, or for everyone in an organisation (<see cref="UserId"/> null). It carries a
/// template key and its arguments (case references, dates, code-list values), never free text, so no name, narrative
/// or child's identity can reach a notification or the e-mail made from it.
/// </summary>
public sealed class Notification : IOrganisationOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganisationId { get; set; }
    public Guid? UserId { get; set; }
    /// <summary>The template key (see <see cref="NotificationTexts"/>), for example "Clock.RecoveryPeriod.Due".</summary>
    public required string Kind { get; set; }
    /// <summary>The template's arguments, separated by <see cref="ArgumentSeparator"/>.</summary>
    public string Arguments { get; set; } = "";
    /// <summary>A local path to what the notification is about, for example /Cases/Details/{id}.</summary>
    public string Link { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
    /// <summary>One notification per key (a clock's reminder stage for one deadline), however often the reminders run.</summary>
    public string? DedupeKey { get; set; }

    public const char ArgumentSeparator = '\u001f';

    public string[] Args => Arguments.Length == 0 ? [] : Arguments.Split(ArgumentSeparator);
}

/// <summary>What a feature hands to the <see cref="Notifier"/>: a template key and arguments, nothing else.</summary>
public sealed record NotificationMessage(string Kind, IReadOnlyList<string> Arguments, string Link);

public static class NotificationModel
{
    public static DbSet<Notification> Notifications(this SigurDb db) => db.Set<Notification>();

    public static void Configure(SigurDb db, ModelBuilder b)
    {
        b.Entity<Notification>(e =>
        {
            e.HasIndex(n => new { n.OrganisationId, n.UserId, n.CreatedAt });
            // Whoever acts (a sender referring a case, a clock job) tells the organisation concerned; only it marks it read.
            e.AddedByAnyone();
            e.HasIndex(n => n.DedupeKey).IsUnique();
            e.Property(n => n.Kind).HasMaxLength(80);
            e.Property(n => n.Arguments).HasMaxLength(500);
            e.Property(n => n.Link).HasMaxLength(200);
            e.Property(n => n.DedupeKey).HasMaxLength(200);
        });
        db.ScopeToOrganisation<Notification>(b);
    }
}

/// <summary>
/// Who in an organisation a notification for the whole organisation is for: the roles of the policy that lets them act
/// on it. One line per kind; a kind without a line reaches nobody but its addressee (a test fails on one missing).
/// </summary>
public static class NotificationAudience
{
    public static readonly IReadOnlyDictionary<string, string> PolicyOf = BuildPolicies();

    private static Dictionary<string, string> BuildPolicies()
    {
        var policies = new Dictionary<string, string>
        {
            ["Hotline.Urgent"] = Policies.Hotline,
            ["Referral.New"] = Policies.Refer,
            ["Referral.Accepted"] = Policies.Refer,
            ["Referral.Declined"] = Policies.Refer,
            ["Consent.Withdrawn"] = Policies.CaseRead,
            ["Fund.ApprovalWaiting"] = Policies.FundManage,
            ["Assistance.PlanApprovalWaiting"] = Policies.Supervise,
            ["Assistance.PlanClosureWaiting"] = Policies.Supervise,
            ["Shelter.NearlyFull"] = Policies.ShelterManage,
            // Always addressed to one user (who reads it whatever their role), never to a whole organisation: the line
            // only keeps the kind from reaching roles that act on nothing in an organisation's name.
            ["Work.CaseAssigned"] = Policies.CaseWrite,
            ["Account.PasswordReset"] = Policies.CaseWrite,
            ["Account.AuthenticatorReset"] = Policies.CaseWrite,
            ["Account.RoleChanged"] = Policies.CaseWrite,
            ["Coordination.DecisionAssigned"] = Policies.Coordination,
            // Referrals from and to other countries, regional notices and stuck packages: the coordinator's office works them.
            ["CrossBorder.New"] = Policies.CrossBorder,
            ["CrossBorder.Accepted"] = Policies.CrossBorder,
            ["CrossBorder.Declined"] = Policies.CrossBorder,
            ["CrossBorder.Notice"] = Policies.CrossBorder,
            ["CrossBorder.Stuck"] = Policies.CrossBorder,
        };
        // Deadlines are met by those who write the case: a clock without a responsible user goes to them.
        foreach (var kind in NotificationTexts.English.Keys.Where(k => k.StartsWith("Clock.", StringComparison.Ordinal)))
            policies[kind] = Policies.CaseWrite;
        return policies;
    }

    private static readonly Dictionary<Role, string[]> Kinds = Enum.GetValues<Role>().ToDictionary(r => r,
        r => PolicyOf.Where(p => Policies.RolesOf(p.Value).Contains(r)).Select(p => p.Key).Order(StringComparer.Ordinal).ToArray());

    public static IReadOnlyCollection<string> KindsFor(Role? role) => role is { } r ? Kinds[r] : [];
}
