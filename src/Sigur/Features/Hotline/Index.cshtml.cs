using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Hotline;

/// <summary>The hotline's desk: the quick log form first (three required fields), then the log, the duty roster and the counts.</summary>
[Authorize(Policy = Policies.Hotline)]
public sealed class IndexModel(SigurDb db, CurrentUser me, TimeProvider clock, Notifier notifier, Statistics.StatisticsSettings statistics, Platform.Audit.Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    public ListContacts.Response Log { get; private set; } = null!;
    public IReadOnlyList<DutyRoster.Shift> Duty { get; private set; } = [];
    public HotlineStatistics.Response Statistics { get; private set; } = null!;

    public sealed class ContactForm
    {
        public ContactChannel Channel { get; set; }
        public CallerType CallerType { get; set; }
        public ContactUrgency Urgency { get; set; }
        public string? Language { get; set; }
        public bool Anonymous { get; set; }
        public string? CallerContact { get; set; }
        public string? Region { get; set; }
        public string? WhatHappened { get; set; }
        public string? AdviceGiven { get; set; }
        public ContactOutcome Outcome { get; set; } = ContactOutcome.InformationGiven;
        public string? FollowUp { get; set; }
        public DateOnly? FollowUpOn { get; set; }
    }

    [BindProperty] public ContactForm Form { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var f = Form;
        var result = await LogContact.Handle(new LogContact.Request(f.Channel, f.CallerType, f.Urgency, string.IsNullOrWhiteSpace(f.Language) ? null : f.Language.Trim(),
            f.Anonymous, f.Anonymous ? null : f.CallerContact, f.Region, f.WhatHappened, f.AdviceGiven, f.Outcome, f.FollowUp, f.FollowUpOn), db, me, clock, notifier, ct, statistics);
        return await this.AnswerAsync<LogContact.Response>(result, L, created => string.Format(L["Contact {0} logged."], created.Reference),
            _ => RedirectToPage("Index"), async () =>
            {
                await LoadAsync(ct);
                return Page();
            }, new() { Prefix = nameof(Form) });
    }

    public async Task<IActionResult> OnPostDutyAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await DutyRoster.Add(new DutyRoster.Request(now, now.AddHours(8)), db, me, clock, ct);
        TempData["Message"] = L["You are on duty for the next eight hours."].Value;
        return RedirectToPage("Index");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Log = await ListContacts.List(1, 50, null, null, db, audit, ct);
        Duty = await DutyRoster.Current(db, clock, ct);
        Statistics = await HotlineStatistics.Handle(null, null, db, clock, ct);
    }
}
