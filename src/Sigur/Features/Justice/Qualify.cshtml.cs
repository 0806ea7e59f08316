using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>
/// The qualification helper on a page (<see cref="QualifyFacts"/>). Opened from a case, it starts from the case's
/// recorded facts; police, prosecutors and the coordinator can then accept a qualification for the case (<see cref="AcceptQualification"/>).
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class QualifyModel(SigurDb db, OffenceCatalogue catalogue, CurrentUser me, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public static readonly string[] AggravatingCircumstances =
        [Fact.OrganisedGroup, Fact.SevereBodilyHarm, Fact.Death, Fact.AbuseOfOffice, Fact.EndangeringLife, Fact.LargeNumberOfPersons, Fact.ArmedOrViolent];

    [BindProperty(SupportsGet = true)] public Guid? CaseId { get; set; }
    [BindProperty] public string Country { get; set; } = "RS";
    [BindProperty] public DateOnly? OffenceDate { get; set; }
    [BindProperty] public List<string> Acts { get; set; } = [];
    [BindProperty] public List<string> Means { get; set; } = [];
    [BindProperty] public List<string> Purposes { get; set; } = [];
    [BindProperty] public string BorderCrossing { get; set; } = "";
    [BindProperty] public string MaterialGain { get; set; } = "";
    [BindProperty] public string ForeignNational { get; set; } = "";
    [BindProperty] public string Consent { get; set; } = "";
    [BindProperty] public int? VictimAge { get; set; }
    [BindProperty] public string VictimMinor { get; set; } = "";
    [BindProperty] public List<string> Circumstances { get; set; } = [];
    [BindProperty] public List<string> Accept { get; set; } = [];
    [BindProperty] public string? Note { get; set; }

    public string? CaseReference { get; private set; }
    public IReadOnlyList<string> Countries { get; private set; } = [];
    public QualifyFacts.Response? Result { get; private set; }
    public bool MayAccept => CaseReference is not null && me.May(Policies.Justice);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (CaseId is { } id && me.May(Policies.CaseRead))
        {
            // Start from what the case records; the user corrects and completes it.
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).SingleOrDefaultAsync(x => x.Id == id, ct);
            if (c?.Person is null) return NotFound();
            await HttpContext.RequestServices.GetRequiredService<Platform.Audit.Audit>().ReadAsync(nameof(Cases.Case), id,
                FieldGroups.Exploitation, FieldGroups.Profile, FieldGroups.DateOfBirth);
            Purposes = [.. c.FormsOfExploitation.Where(JusticeVocabulary.Purposes.Contains)];
            Means = [.. c.MeansOfControl.Select(m => JusticeVocabulary.MeansFromCase.GetValueOrDefault(m)).OfType<string>().Distinct()];
            var abroad = c.CountriesOfTransit.Count > 0 || c.CountriesOfExploitation.Except(c.CountriesOfOrigin).Any();
            BorderCrossing = abroad ? "yes" : "";
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            VictimAge = c.Person.AgeOn(DateOnly.FromDateTime(c.IntakeDate)) ?? c.Person.EstimatedAge;
            if (VictimAge is null && c.Person.IsChild(today)) VictimMinor = "yes";
            OffenceDate = DateOnly.FromDateTime(c.IntakeDate);
        }
        return Page();
    }

    [Policy(QualifyFacts.Policy)]
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await AskAsync(ct);
        return Page();
    }

    [Policy(AcceptQualification.Policy)]
    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        var result = await AcceptQualification.Handle(CaseId!.Value, new AcceptQualification.Request(ToRequest(), Accept, Note), db, catalogue, me, clock, ct);
        return await this.AnswerAsync(result, L, L["The qualification was recorded."], () => RedirectToPage("Case", new { caseId = CaseId }), async () =>
        {
            await AskAsync(ct);
            return Page();
        }, new() { Fields = [] });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Countries = [.. (await catalogue.EffectiveAsync(db, ct)).Select(e => e.Document.Country).Distinct()];
        if (CaseId is { } id)
            CaseReference = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => c.Reference).SingleOrDefaultAsync(ct);
    }

    private static bool? Tri(string value) => value switch { "yes" => true, "no" => false, _ => null };

    private QualifyFacts.Request ToRequest() => new(Country, OffenceDate, new QualifyFacts.Facts(Acts, Means, Purposes, Tri(BorderCrossing), Tri(MaterialGain),
        Tri(ForeignNational), Tri(Consent), VictimAge, Tri(VictimMinor), Circumstances.Contains(Fact.OrganisedGroup), Circumstances.Contains(Fact.SevereBodilyHarm),
        Circumstances.Contains(Fact.Death), Circumstances.Contains(Fact.AbuseOfOffice), Circumstances.Contains(Fact.EndangeringLife),
        Circumstances.Contains(Fact.LargeNumberOfPersons), Circumstances.Contains(Fact.ArmedOrViolent)));

    private async Task AskAsync(CancellationToken ct)
    {
        var result = await QualifyFacts.Handle(ToRequest(), db, catalogue, clock, L, ct);
        // No catalogue in force for the country and date is said on the form, where another can be chosen, not as a 404.
        if (ModelState.Take(result, L, new() { Fields = [], NotFound = refusal => ModelState.AddModelError("", refusal) }) != Outcome.Done
            || result.Result is not Ok<QualifyFacts.Response> { Value: { } answer }) return;
        Result = answer;
        if (Accept.Count == 0) Accept = [.. Result.Paragraphs.Where(p => p.Certainty == QualifyFacts.Certainty.Applies).Select(p => $"{p.Article}/{p.Paragraph}")];
    }
}
