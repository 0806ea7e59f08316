using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Identification;

/// <summary>
/// The "due" dashboard: running deadlines that are overdue or fall within the coming week, for the signed-in user
/// (scope=mine: the clocks they are responsible for) or for their whole organisation. It shows case references, never
/// names, so it is safe on a shared screen and never shows a child's identity.
/// </summary>
public static class DueClocks
{
    public const string Policy = Policies.CaseRead;

    public const int WeekDays = 7;

    public sealed record Item(Guid ClockId, Guid CaseId, string CaseReference, ClockType Type, DateOnly DueOn, int DaysLeft, ReminderStage Stage,
        bool Overdue, bool IsChild, Guid? ResponsibleUserId);

    public sealed record Response(DateOnly Today, string Scope, IReadOnlyList<Item> Overdue, IReadOnlyList<Item> DueThisWeek);

    public static async Task<Response> Handle(string? scope, SigurDb db, CurrentUser user, TimeProvider clock, Platform.Audit.Audit audit, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var horizon = LegalClock.Day(today.AddDays(WeekDays));
        var mine = !string.Equals(scope, "organisation", StringComparison.OrdinalIgnoreCase);
        var query = db.LegalClocks().AsNoTracking().Where(k => k.State == ClockState.Running && k.DueOn <= horizon);
        if (mine) query = query.Where(k => k.ResponsibleUserId == user.UserId);
        var rows = await query
            .Join(db.Cases, k => k.CaseId, c => c.Id, (k, c) => new { Clock = k, c.Reference, c.Person })
            .OrderBy(r => r.Clock.DueOn).ThenBy(r => r.Reference)
            .Take(500)
            .ToListAsync(ct);
        await audit.ListAsync(nameof(LegalClock), rows.Select(r => r.Clock.Id), FieldGroups.CaseAdministration);
        var items = rows.Select(r =>
        {
            var due = LegalClock.DayOf(r.Clock.DueOn);
            return new Item(r.Clock.Id, r.Clock.CaseId, r.Reference, r.Clock.Type, due, due.DayNumber - today.DayNumber, r.Clock.StageOn(today),
                due < today, r.Person?.IsChild(today) ?? false, r.Clock.ResponsibleUserId);
        }).ToList();
        return new Response(today, mine ? "mine" : "organisation", [.. items.Where(i => i.Overdue)], [.. items.Where(i => !i.Overdue)]);
    }
}
