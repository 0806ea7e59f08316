using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Identification;

/// <summary>
/// Sends each running clock's reminders: when it comes within its lead time (<see cref="LegalClock.ReminderLeadDays"/>),
/// on the day it falls due, and the day after, once each (a dedupe key per clock, deadline and stage, so a renewal or
/// an extension earns fresh reminders). Runs as the system across organisations; the notifications carry case
/// references only.
/// </summary>
public static class ClockReminders
{
    public static async Task<int> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var notifier = scope.ServiceProvider.GetRequiredService<Notifier>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var horizon = LegalClock.Day(today.AddDays(LegalClock.ReminderLeadDays(ClockType.ResidencePermit)));

        // The reminder job reads across organisations: it is the system, not a user, and it writes only notifications.
        var running = await db.LegalClocks().IgnoreQueryFilters().AsNoTracking()
            .Where(k => k.State == ClockState.Running && k.DueOn <= horizon)
            .Join(db.Cases.IgnoreQueryFilters(), k => k.CaseId, c => c.Id, (k, c) => new { Clock = k, c.Reference })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var row in running)
        {
            var k = row.Clock;
            var stage = k.StageOn(today);
            if (stage == ReminderStage.None) continue;
            var key = $"clock:{k.Id:N}:{LegalClock.DayOf(k.DueOn):yyyyMMdd}:{stage}";
            if (await db.Notifications().IgnoreQueryFilters().AnyAsync(n => n.DedupeKey == key, ct)) continue;
            notifier.Add(k.OrganisationId, k.ResponsibleUserId, Message(k, row.Reference, stage), key);
            try
            {
                await db.SaveChangesAsync(ct);
                sent++;
            }
            catch (DbUpdateException)
            {
                // Another instance sent this reminder a moment ago.
                db.ChangeTracker.Clear();
            }
        }
        return sent;
    }

    public static NotificationMessage Message(LegalClock k, string caseReference, ReminderStage stage) =>
        new($"Clock.{k.Type}.{stage}", [caseReference, LegalClock.DayOf(k.DueOn).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)],
            $"/Identification/Case/{k.CaseId}");
}

/// <summary>Runs <see cref="ClockReminders"/> at start and then every <see cref="IdentificationRules.ReminderIntervalMinutes"/>.</summary>
public sealed class ClockReminderService(IServiceProvider services, TimeProvider clock, IdentificationRules rules, ILogger<ClockReminderService> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = rules.ReminderIntervalMinutes;
        if (minutes <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        do
        {
            try
            {
                var sent = await ClockReminders.RunAsync(services, stoppingToken);
                if (sent > 0) log.LogInformation("Sent {Count} deadline reminders", sent);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("Deadline reminders failed: {Error}", e.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
