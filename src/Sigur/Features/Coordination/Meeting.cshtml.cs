using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Coordination;

/// <summary>One sitting: agenda, attendance, minutes and decisions; its convener records the sitting and its decisions.</summary>
[Authorize(Policy = Policies.Coordination)]
public sealed class MeetingModel(SigurDb db, CurrentUser me, Notifier notifier, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public RecordSitting.MeetingView View { get; private set; } = null!;
    public ManageBodies.BodyView Body { get; private set; } = null!;
    public Dictionary<Guid, string> Names { get; private set; } = [];
    public List<Organisation> Organisations { get; private set; } = [];
    public bool Convenes => Body.ConvenerOrganisationId == me.OrganisationId && me.May(RecordSitting.Policy);

    [BindProperty] public long Version { get; set; }
    [BindProperty] public MeetingStatus Status { get; set; }
    [BindProperty] public string? Agenda { get; set; }
    [BindProperty] public string? Minutes { get; set; }
    [BindProperty] public List<Guid> Seats { get; set; } = [];
    [BindProperty] public List<AttendanceKind> Answers { get; set; } = [];

    [BindProperty] public string? DecisionText { get; set; }
    [BindProperty] public Guid Owner { get; set; }
    [BindProperty] public DateOnly? Deadline { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Policy(RecordSitting.Policy)]
    public async Task<IActionResult> OnPostSittingAsync(Guid id, CancellationToken ct)
    {
        var agenda = (Agenda ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(a => new RecordSitting.AgendaInput(a)).ToList();
        var attendance = Seats.Zip(Answers, (seat, kind) => new RecordSitting.AttendanceInput(seat, kind)).ToList();
        var result = await RecordSitting.Handle(id, new RecordSitting.Request(Version, Status, Minutes ?? "", agenda, attendance), db, ct);
        return await AfterAsync(id, result.Result, ct);
    }

    [Policy(RecordDecision.Policy)]
    public async Task<IActionResult> OnPostDecisionAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, (await RecordDecision.Handle(id, new RecordDecision.Request(DecisionText ?? "", Owner, Deadline), db, notifier, clock, ct)).Result, ct);

    public async Task<IActionResult> OnGetCalendarAsync(Guid id, CancellationToken ct) =>
        MeetingCalendar.AsDownload(await MeetingCalendar.OfMeeting(id, db, me, clock, ct));

    private Task<IActionResult> AfterAsync(Guid id, IResult result, CancellationToken ct) =>
        this.AnswerAsync(result, L, L["Saved."], () => RedirectToPage("Meeting", new { id }), async () => await LoadAsync(id, ct) ? Page() : NotFound(),
            new PageAnswer { Conflict = () => ModelState.AddModelError("", L["Someone else changed this meeting meanwhile. Reload it and apply your change again."]) });

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await RecordSitting.Get(id, db, me, clock, ct) is not { Result: Ok<RecordSitting.MeetingView> { Value: { } view } }) return false;
        View = view;
        if (await ManageBodies.Get(view.Meeting.BodyId, db, me, ct) is not { Result: Ok<ManageBodies.BodyView> { Value: { } body } }) return false;
        Body = body;
        Organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive).OrderBy(o => o.Name).ToListAsync(ct);
        Names = Organisations.ToDictionary(o => o.Id, o => o.Name);
        return true;
    }

    public string NameOf(Guid id) => Names.GetValueOrDefault(id, "–");

    public AttendanceKind? AnswerOf(Guid seat) => View.Attendance.FirstOrDefault(a => a.MemberId == seat)?.Kind;
}
