using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Coordination;

/// <summary>One body: its members, its meetings and calendar, and (for its convener) forms to seat a member and to schedule meetings.</summary>
[Authorize(Policy = Policies.Coordination)]
public sealed class BodyModel(SigurDb db, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public ManageBodies.BodyView Body { get; private set; } = null!;
    public List<ScheduleMeetings.MeetingSummary> Meetings { get; private set; } = [];
    public List<Organisation> Organisations { get; private set; } = [];
    public bool Convenes => Body.ConvenerOrganisationId == me.OrganisationId && me.May(ManageBodies.Policy);

    [BindProperty] public Guid Institution { get; set; }
    [BindProperty] public string? Person { get; set; }
    [BindProperty] public MemberRole SeatRole { get; set; } = MemberRole.Member;
    [BindProperty] public string? Deputy { get; set; }
    [BindProperty] public DateOnly? TermStart { get; set; }
    [BindProperty] public DateOnly? TermEnd { get; set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public TimeOnly? Time { get; set; }
    [BindProperty] public int DurationMinutes { get; set; } = 120;
    [BindProperty] public string? Location { get; set; }
    /// <summary>"" once, "last-week" the same weekday in the last week of each month, or an RRULE of one's own.</summary>
    [BindProperty] public string? Repeat { get; set; }
    [BindProperty] public string? Rule { get; set; }
    [BindProperty] public string? Agenda { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Policy(ManageBodies.Policy)]
    public async Task<IActionResult> OnPostMemberAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, (await ManageBodies.AddMember(id, new ManageBodies.MemberInput(Institution, Person ?? "", SeatRole, Deputy,
            TermStart ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), TermEnd), db, ct)).Result, ct);

    [Policy(ScheduleMeetings.Policy)]
    public async Task<IActionResult> OnPostScheduleAsync(Guid id, CancellationToken ct)
    {
        var date = Date ?? default;
        var rule = Repeat switch
        {
            "last-week" when date != default => MeetingTimes.LastWeekOfMonth(date),
            "weekly" => "FREQ=WEEKLY",
            "monthly" => "FREQ=MONTHLY",
            "rule" => Rule,
            _ => null,
        };
        var agenda = (Agenda ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var request = new ScheduleMeetings.Request(Title ?? "", date, Time ?? new TimeOnly(10, 0), DurationMinutes, null, Location, rule, agenda);
        return await AfterAsync(id, (await ScheduleMeetings.Handle(id, request, db, ct)).Result, ct);
    }

    /// <summary>The body's calendar as a file; the same feed is served to calendar clients at /api/v1/coordination/bodies/{id}/calendar.</summary>
    public async Task<IActionResult> OnGetCalendarAsync(Guid id, CancellationToken ct) =>
        MeetingCalendar.AsDownload(await MeetingCalendar.OfBody(id, db, me, clock, ct));

    private Task<IActionResult> AfterAsync(Guid id, IResult result, CancellationToken ct) =>
        this.AnswerAsync(result, L, L["Saved."], () => RedirectToPage("Body", new { id }), async () => await LoadAsync(id, ct) ? Page() : NotFound());

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await ManageBodies.Get(id, db, me, ct) is not { Result: Ok<ManageBodies.BodyView> { Value: { } body } }) return false;
        Body = body;
        if (await ScheduleMeetings.List(id, db, me, ct) is { Result: Ok<List<ScheduleMeetings.MeetingSummary>> { Value: { } meetings } }) Meetings = meetings;
        Organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Name).ToListAsync(ct);
        return true;
    }

    public string OrganisationName(Guid id) => Organisations.FirstOrDefault(o => o.Id == id)?.Name ?? "–";
}
