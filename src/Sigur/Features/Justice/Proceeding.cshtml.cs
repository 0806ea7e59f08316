using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>
/// Proceedings in full for police, prosecution and the coordinator. Each form posts to one use case; a stage move
/// the stage machine refuses comes back with its reason, a stale page with the offer to reload.
/// </summary>
[Authorize(Policy = Policies.Justice)]
public sealed class ProceedingModel(SigurDb db, OffenceCatalogue catalogue, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public GetProceeding.ProceedingDetail P { get; private set; } = null!;
    public IReadOnlyList<GetSuspect.SuspectSummary> CaseSuspects { get; private set; } = [];
    public IReadOnlyList<string> Paragraphs { get; private set; } = [];
    public string? Refusal { get; private set; }

    [BindProperty] public long Version { get; set; }
    [BindProperty] public ProceedingStage NextStage { get; set; }
    [BindProperty] public DateOnly Date { get; set; }
    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public Guid SuspectId { get; set; }
    [BindProperty] public string ArticleParagraph { get; set; } = "";
    [BindProperty] public Guid? Replaces { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public Verdict Verdict { get; set; }
    [BindProperty] public int? SentenceMonths { get; set; }
    [BindProperty] public bool Suspended { get; set; }
    [BindProperty] public EditProceeding.Request Edit { get; set; } = new(0);
    /// <summary>Offered as the currency of the proceeding's country (see <see cref="Currencies"/>).</summary>
    [BindProperty] public string Currency { get; set; } = "";
    [BindProperty] public decimal Claimed { get; set; }
    /// <summary>The confiscated value in the main unit (stored in minor units).</summary>
    [BindProperty] public decimal? Confiscated { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Date = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Page();
    }

    public async Task<IActionResult> OnPostStageAsync(Guid id, CancellationToken ct) =>
        await Done(id, await MoveProceeding.Handle(id, new MoveProceeding.Request(Version, NextStage, Date, Reference), db, me, clock, ct), ct);

    public async Task<IActionResult> OnPostChargeAsync(Guid id, CancellationToken ct)
    {
        var parts = ArticleParagraph.Split('/');
        if (parts.Length != 2) { ModelState.AddModelError("", L["Choose an article and paragraph."]); return await LoadAsync(id, ct) ? Page() : NotFound(); }
        return await Done(id, await ChargeDefendant.Handle(id, new ChargeDefendant.Request(Version, SuspectId, parts[0], parts[1], Date, null, Reason, Replaces), db, catalogue, clock, ct), ct);
    }

    public async Task<IActionResult> OnPostOutcomeAsync(Guid id, CancellationToken ct) =>
        await Done(id, await RecordOutcome.Handle(id, new RecordOutcome.Request(Version, SuspectId, Verdict, Date,
            SentenceMonths: Verdict == Verdict.Convicted ? SentenceMonths : null, Suspended: Suspended), db, clock, ct), ct);

    public async Task<IActionResult> OnPostEditAsync(Guid id, CancellationToken ct) =>
        await Done(id, await EditProceeding.Handle(id, Edit with { Version = Version, ConfiscatedMinor = Confiscated is { } value ? Currencies.ToMinor(value) : null }, db, ct), ct);

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken ct) =>
        await Done(id, await RecordCompensation.Handle(id, new RecordCompensation.Request(Version, Currency, Currencies.ToMinor(Claimed), Date), db, clock, ct), ct);

    private Task<IActionResult> Done(Guid id, IResult result, CancellationToken ct) =>
        this.AnswerAsync(result, L, L["Saved."], () => RedirectToPage("Proceeding", new { id }), async () => await LoadAsync(id, ct) ? Page() : NotFound(),
            new() { Fields = [], Refused = refusal => Refusal = refusal });

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await GetProceeding.Handle(id, db, audit, ct)).Result is not Ok<GetProceeding.ProceedingDetail> { Value: { } detail }) return false;
        P = detail;
        Version = detail.Version;
        if (!Request.HasFormContentType || Request.Form["handler"] != "Edit")
            Edit = new EditProceeding.Request(detail.Version, detail.PoliceReference, detail.ProsecutorReference, detail.CourtReference, detail.VictimRole,
                detail.ProtectionMeasures, detail.NonPunishment, detail.NonPunishmentNote, detail.ConfiscationDescription, detail.ConfiscatedMinor,
                string.IsNullOrEmpty(detail.ConfiscatedCurrency) ? Currencies.Of(detail.Country) : detail.ConfiscatedCurrency);
        if (!Request.HasFormContentType)
        {
            Confiscated = detail.ConfiscatedMinor / 100m;
            Currency = Currencies.Of(detail.Country);
        }
        if ((await GetSuspect.OfCase(detail.CaseId, db, audit, ct)).Result is Ok<IReadOnlyList<GetSuspect.SuspectSummary>> { Value: { } s }) CaseSuspects = s;
        var date = detail.Stages.Count > 0 ? detail.Stages[0].Date : DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var edition = await catalogue.InForceAsync(db, detail.Country, date, ct);
        Paragraphs = edition is null ? [] : [.. edition.Document.Articles.SelectMany(a => a.Paragraphs.Where(p => p.Kind != ParagraphKinds.Measure).Select(p => $"{a.Article}/{p.Paragraph}"))];
        return true;
    }
}
