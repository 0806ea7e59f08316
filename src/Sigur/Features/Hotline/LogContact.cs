using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Hotline;

/// <summary>
/// Logs a hotline contact. Only channel, caller type and urgency are required, so a call can be logged while it is
/// still going on. An urgent contact alerts the coordinators on duty (in-app; by e-mail where configured), or the
/// whole hotline when nobody is on duty; the alert names the contact's reference, never the caller or the story.
/// </summary>
public static class LogContact
{
    public const string Policy = Policies.Hotline;

    public sealed record Request(
        ContactChannel Channel, CallerType CallerType, ContactUrgency Urgency = ContactUrgency.Routine, string? Language = null,
        bool Anonymous = false, string? CallerContact = null, string? Region = null, string? WhatHappened = null, string? AdviceGiven = null,
        ContactOutcome Outcome = ContactOutcome.InformationGiven, string? FollowUp = null, DateOnly? FollowUpOn = null, DateTime? ReceivedAt = null);

    public sealed record Response(Guid Id, string Reference, int Alerted);

    public static async Task<Results<Created<Response>, ValidationProblem>> Handle(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct,
        Statistics.StatisticsSettings? statistics = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = Check(request, now, (statistics ?? new()).ReportingCountry);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var organisationId = user.OrganisationId!.Value;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var contact = new HotlineContact { Reference = await NextReferenceAsync(db, now.Year, ct), OrganisationId = organisationId, OperatorId = user.UserId };
        Apply(request, contact, now);
        db.HotlineContacts().Add(contact);

        var alerted = 0;
        if (contact.Urgency != ContactUrgency.Routine)
        {
            var message = new NotificationMessage("Hotline.Urgent", [contact.Reference, contact.Urgency.ToString(), contact.Channel.ToString()], $"/Hotline/Contact/{contact.Id}");
            var onDuty = await db.HotlineDutyShifts().Where(s => s.StartsAt <= now && s.EndsAt > now).Select(s => s.UserId).Distinct().ToListAsync(ct);
            if (onDuty.Count == 0) notifier.Add(organisationId, null, message);
            foreach (var coordinator in onDuty) notifier.Add(organisationId, coordinator, message);
            alerted = Math.Max(onDuty.Count, 1);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/hotline/contacts/{contact.Id}", new Response(contact.Id, contact.Reference, alerted));
    }

    internal static Dictionary<string, string[]> Check(Request r, DateTime now, string reportingCountry)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(r.Channel)) errors["channel"] = ["Unknown channel."];
        if (!Enum.IsDefined(r.CallerType)) errors["callerType"] = ["Unknown caller type."];
        if (!Enum.IsDefined(r.Urgency)) errors["urgency"] = ["Unknown urgency."];
        if (!Enum.IsDefined(r.Outcome)) errors["outcome"] = ["Unknown outcome."];
        if (r.Outcome == ContactOutcome.CaseOpened) errors["outcome"] = ["A contact becomes a case through 'turn into a case'."];
        if (!string.IsNullOrEmpty(r.Language) && !CodeLists.IsLanguage(r.Language)) errors["language"] = ["Use an ISO 639 language code (for example sr, mk, sq)."];
        if (r.Anonymous && !string.IsNullOrWhiteSpace(r.CallerContact)) errors["callerContact"] = ["An anonymous contact keeps no caller details."];
        if ((r.CallerContact?.Length ?? 0) > 2000) errors["callerContact"] = ["At most 2000 characters."];
        if (!Regions.IsValid(reportingCountry, r.Region?.Trim())) errors["region"] = [Regions.UnknownMessage];
        foreach (var (field, text) in new[] { ("whatHappened", r.WhatHappened), ("adviceGiven", r.AdviceGiven), ("followUp", r.FollowUp) })
            if ((text?.Length ?? 0) > 20_000) errors[field] = ["At most 20000 characters."];
        if (r.ReceivedAt is { } at && (at > now.AddMinutes(5) || at < now.AddDays(-30))) errors["receivedAt"] = ["Within the last 30 days."];
        if (r.FollowUpOn is { } on && on < DateOnly.FromDateTime(now)) errors["followUpOn"] = ["Today or later."];
        return errors;
    }

    internal static void Apply(Request r, HotlineContact c, DateTime now)
    {
        c.ReceivedAt = (r.ReceivedAt ?? now).ToUniversalTime();
        c.Channel = r.Channel;
        c.CallerType = r.CallerType;
        c.Urgency = r.Urgency;
        c.Language = r.Language ?? "";
        c.Anonymous = r.Anonymous || r.CallerType == CallerType.Anonymous;
        c.CallerContact = c.Anonymous ? "" : r.CallerContact?.Trim() ?? "";
        c.Region = r.Region?.Trim() ?? "";
        c.WhatHappened = r.WhatHappened ?? "";
        c.AdviceGiven = r.AdviceGiven ?? "";
        c.Outcome = r.Outcome;
        c.FollowUp = r.FollowUp ?? "";
        c.FollowUpOn = r.FollowUpOn?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    }

    private static async Task<string> NextReferenceAsync(SigurDb db, int year, CancellationToken ct)
    {
        var counters = db.Set<HotlineReferenceCounter>();
        // The year's row appears once: parallel first contacts of a year wait on its key instead of both inserting it
        // (which failed one of them, found by the access matrix running its roles in parallel).
        await db.Database.ExecuteSqlAsync($"INSERT INTO hotline_reference_counter (year, next) VALUES ({year}, 0) ON CONFLICT DO NOTHING", ct);
        await counters.Where(c => c.Year == year).ExecuteUpdateAsync(s => s.SetProperty(c => c.Next, c => c.Next + 1), ct);
        var next = await counters.Where(c => c.Year == year).Select(c => c.Next).SingleAsync(ct);
        return $"H-{year}-{next:D6}";
    }
}
