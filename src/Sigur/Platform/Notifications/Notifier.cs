using System.Globalization;
using System.Net;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Sigur.Data;

namespace Sigur.Platform.Notifications;

/// <summary>
/// Adds notifications to the current unit of work and, once the transaction that saves them has committed, mails the
/// recipients that have an address (only when SMTP is configured: off by default), by itself: a use case only adds.
/// A notification and its e-mail say the same thing: a template filled with references and dates.
/// </summary>
public sealed class Notifier(SigurDb db, IMailSender mail, TimeProvider clock, ILogger<Notifier> log, IServiceScopeFactory scopes)
{
    private readonly List<Notification> _pending = [];

    /// <summary>Adds a notification for <paramref name="userId"/>, or for the whole organisation when null; its e-mail goes after the commit that saves it.</summary>
    public Notification Add(Guid organisationId, Guid? userId, NotificationMessage message, string? dedupeKey = null)
    {
        var n = new Notification
        {
            OrganisationId = organisationId,
            UserId = userId,
            Kind = message.Kind,
            Arguments = string.Join(Notification.ArgumentSeparator, message.Arguments),
            Link = message.Link,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            DedupeKey = dedupeKey,
        };
        db.Notifications().Add(n);
        if (_pending.Count == 0) db.AfterCommit(SendMailAsync);
        _pending.Add(n);
        return n;
    }

    /// <summary>
    /// The work a notification to the whole organisation asked for is done (a request decided, a referral answered):
    /// its unread notices of <paramref name="kind"/> about <paramref name="link"/> are marked read in the current unit
    /// of work, so nobody opens a notice to find nothing left to do.
    /// </summary>
    public async Task SettleAsync(Guid organisationId, string kind, string link, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.Notifications().Where(n => n.OrganisationId == organisationId && n.UserId == null && n.Kind == kind && n.Link == link && n.ReadAt == null)
            .ToListAsync(ct);
        foreach (var n in open) n.ReadAt = now;
    }

    /// <summary>
    /// Mails the notifications saved since the last call (SigurDb calls it after each commit that follows an Add).
    /// Failures are logged by id and never undo the saved work.
    /// </summary>
    private async Task SendMailAsync(CancellationToken ct)
    {
        var batch = _pending.Where(n => n.UserId is not null && db.Entry(n).State == EntityState.Unchanged).ToList();
        _pending.RemoveAll(n => db.Entry(n).State is EntityState.Unchanged or EntityState.Detached);
        if (_pending.Count > 0) db.AfterCommit(SendMailAsync); // added but not saved yet: after the commit that saves them
        if (batch.Count == 0 || !mail.Enabled) return;
        var ids = batch.Select(n => n.UserId!.Value).Distinct().ToList();
        // This runs as the commit completes, while the context still holds the finished transaction: the addresses
        // are read through a context of their own.
        await using var scope = scopes.CreateAsyncScope();
        var recipients = await scope.ServiceProvider.GetRequiredService<SigurDb>().Users.AsNoTracking().Where(u => ids.Contains(u.Id) && !u.IsDisabled && u.Email != null)
            .Select(u => new { u.Id, u.Email, u.Culture }).ToDictionaryAsync(u => u.Id, ct);
        foreach (var n in batch)
        {
            if (!recipients.TryGetValue(n.UserId!.Value, out var to) || string.IsNullOrEmpty(to.Email)) continue;
            var text = NotificationTexts.Render(n, null);
            try
            {
                await mail.SendAsync(new MailMessageText(to.Email, "Sigur: " + NotificationTexts.Subject(n), text + "\n\n" + n.Link), ct);
            }
            catch (Exception e) when (e is SmtpException or InvalidOperationException or IOException)
            {
                log.LogWarning("Mail for notification {NotificationId} failed: {Error}", n.Id, e.GetType().Name);
            }
        }
    }
}

/// <summary>The English templates; pages look each key up in the string table first (<see cref="Render"/> with a localizer).</summary>
public static class NotificationTexts
{
    public static readonly IReadOnlyDictionary<string, string> English = new Dictionary<string, string>
    {
        ["Clock.IdentificationDecision.Upcoming"] = "Case {0}: the first identification decision is due on {1}.",
        ["Clock.IdentificationDecision.Due"] = "Case {0}: the first identification decision is due today ({1}).",
        ["Clock.IdentificationDecision.Overdue"] = "Case {0}: the first identification decision was due on {1} and is overdue.",
        ["Clock.RecoveryPeriod.Upcoming"] = "Case {0}: the recovery and reflection period ends on {1}.",
        ["Clock.RecoveryPeriod.Due"] = "Case {0}: the recovery and reflection period ends today ({1}).",
        ["Clock.RecoveryPeriod.Overdue"] = "Case {0}: the recovery and reflection period ended on {1}; record what follows it.",
        ["Clock.ResidencePermit.Upcoming"] = "Case {0}: the temporary residence permit expires on {1}; request its renewal in time.",
        ["Clock.ResidencePermit.Due"] = "Case {0}: the temporary residence permit expires today ({1}).",
        ["Clock.ResidencePermit.Overdue"] = "Case {0}: the temporary residence permit expired on {1}.",
        ["Clock.AssistancePlanReview.Upcoming"] = "Case {0}: the assistance plan review is due on {1}.",
        ["Clock.AssistancePlanReview.Due"] = "Case {0}: the assistance plan review is due today ({1}).",
        ["Clock.AssistancePlanReview.Overdue"] = "Case {0}: the assistance plan review was due on {1} and is overdue.",
        ["Hotline.Urgent"] = "Urgent hotline contact {0} ({1}, {2}): call back or act now.",
        ["Referral.New"] = "Case {0} was referred to your organisation: see the inbox.",
        ["Referral.Accepted"] = "Your referral of case {0} was accepted.",
        ["Referral.Declined"] = "Your referral of case {0} was declined: see the reason.",
        ["Consent.Withdrawn"] = "The consent for case {0} was withdrawn: your organisation no longer sees the case.",
        ["Fund.ApprovalWaiting"] = "A disbursement request for case {0} is waiting for approval.",
        ["Assistance.PlanApprovalWaiting"] = "The assistance plan of case {0} is waiting for a supervisor's approval.",
        ["Assistance.PlanClosureWaiting"] = "The closure of the assistance plan of case {0} is waiting for a supervisor's approval.",
        ["Shelter.NearlyFull"] = "Shelter {0} is nearly full: {1} of {2} places free.",
        ["Work.CaseAssigned"] = "Case {0} was given to you: you answer for it now.",
        ["Account.PasswordReset"] = "An administrator reset your password: sign in with the one-time password you were given, then choose a new one.",
        ["Account.AuthenticatorReset"] = "An administrator reset your authenticator: enrol a new one at your next sign-in.",
        ["Account.RoleChanged"] = "An administrator changed your role or organisation: sign in again.",
        ["CrossBorder.New"] = "A referral from {0} arrived as case {1}: accept or decline it.",
        ["CrossBorder.Accepted"] = "{0} accepted the referral of case {1}.",
        ["CrossBorder.Declined"] = "{0} declined the referral of case {1}: see the reason.",
        ["CrossBorder.Notice"] = "A regional notice from {0} arrived: see the cross-border page.",
        ["CrossBorder.Stuck"] = "A package to {0} about case {1} is still not delivered after {2} attempts.",
        ["Coordination.DecisionAssigned"] = "A coordination body gave your institution a decision to follow up, due {0}.",
    };

    public static string Render(Notification n, IStringLocalizer? localizer)
    {
        var template = English.GetValueOrDefault(n.Kind, n.Kind);
        if (localizer is not null)
        {
            var local = localizer[n.Kind];
            if (!local.ResourceNotFound) template = local.Value;
        }
        // A template and its stored arguments can drift apart (a template edited in the string table): show what there is rather than fail.
        var args = n.Args.Concat(Enumerable.Repeat("…", 5)).Cast<object>().ToArray();
        try
        {
            return string.Format(CultureInfo.CurrentCulture, template, args);
        }
        catch (FormatException)
        {
            return $"{template} ({string.Join(", ", n.Args)})";
        }
    }

    public static string Subject(Notification n) =>
        n.Kind.StartsWith("Hotline.", StringComparison.Ordinal) ? "urgent hotline contact"
        : n.Kind.StartsWith("Clock.", StringComparison.Ordinal) ? "reminder"
        : "notification";
}

public sealed record MailMessageText(string To, string Subject, string Body);

/// <summary>Sends a plain-text e-mail. Off unless Sigur:Smtp:Enabled is true.</summary>
public interface IMailSender
{
    bool Enabled { get; }
    Task SendAsync(MailMessageText message, CancellationToken ct);
}

public sealed class SmtpOptions
{
    public bool Enabled { get; set; }
    public string Host { get; set; } = "localhost";
    public int Port { get; set; } = 25;
    public bool UseSsl { get; set; } = true;
    public string From { get; set; } = "sigur@localhost";
    public string? UserName { get; set; }
    public string? Password { get; set; }
}

/// <summary>Mails through the configured SMTP relay (System.Net.Mail, enough for plain-text reminders).</summary>
public sealed class SmtpMailSender(IOptions<SmtpOptions> options) : IMailSender
{
    public bool Enabled => options.Value.Enabled;

    public async Task SendAsync(MailMessageText message, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        using var client = new SmtpClient(o.Host, o.Port) { EnableSsl = o.UseSsl };
        if (!string.IsNullOrEmpty(o.UserName)) client.Credentials = new NetworkCredential(o.UserName, o.Password);
        using var mail = new MailMessage(o.From, message.To, message.Subject, message.Body);
        await client.SendMailAsync(mail, ct);
    }
}

public static class NotificationServices
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<SmtpOptions>(config.GetSection("Sigur:Smtp"));
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddScoped<Notifier>();
        return services;
    }
}
