using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Duplicates;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Cases;

/// <summary>
/// Intake: the form for a new person and their case; registration itself is <see cref="RegisterCase"/>. Before a
/// new person is created, the organisation's likely existing persons (<see cref="FindCandidates"/>) are shown once,
/// and the worker either attaches the case to one of them or confirms that this is someone new.
/// </summary>
[Authorize(Policy = Policies.CaseWrite)]
public sealed class NewModel(SigurDb db, CurrentUser me, TimeProvider clock, Identification.IdentificationRules rules, Statistics.StatisticsSettings statistics, Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    [BindProperty] public CaseForm Form { get; set; } = new();
    /// <summary>The worker's answer to the candidates: an existing person's id, or <see cref="SomeoneNew"/>; none yet: not answered.</summary>
    [BindProperty] public string? PersonChoice { get; set; }
    public const string SomeoneNew = "new";
    /// <summary>The candidates were shown and the form came back without an answer.</summary>
    public bool ChoiceMissing { get; private set; }
    /// <summary>The candidates were shown with this form: registering now means the worker decided.</summary>
    [BindProperty] public bool CandidatesShown { get; set; }

    public IReadOnlyList<FindCandidates.Candidate> Candidates { get; private set; } = [];

    public void OnGet() => Form.IntakeDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        Guid? existingPersonId = Guid.TryParse(PersonChoice, out var chosen) ? chosen : null;
        var answered = existingPersonId is not null || PersonChoice == SomeoneNew;
        // The candidates are shown until the worker answers them: a person they hold is never registered twice by
        // default (the first time through, or when the form comes back with neither a person nor "someone new").
        if (!answered)
        {
            var person = Form.ToPerson();
            var found = await FindCandidates.Handle(new FindCandidates.Request(person.GivenName, person.FamilyName, person.Aliases, person.DateOfBirth, person.Sex),
                db, me, audit, ct);
            if (found.Result is Ok<FindCandidates.Response> { Value.Candidates.Count: > 0 } ok)
            {
                Candidates = ok.Value.Candidates;
                ChoiceMissing = CandidatesShown;
                CandidatesShown = true;
                ModelState.Remove(nameof(CandidatesShown));
                return Page();
            }
        }
        var request = existingPersonId is { } existing
            ? new RegisterCase.Request(Form.ToCase(), null, existing)
            : new RegisterCase.Request(Form.ToCase(), Form.ToPerson());
        var result = await RegisterCase.Handle(request, db, me, clock, ct, rules, statistics);
        return await this.AnswerAsync<RegisterCase.Response>(result, L, created => string.Format(L["Case {0} registered."], created.Reference),
            created => RedirectToPage("Details", new { id = created.Id }), how: new() { Prefix = nameof(Form), Fields = CaseForm.Fields });
    }
}
