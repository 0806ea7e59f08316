using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Shared;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Duplicates;

/// <summary>
/// Merging two persons of the organisation (<see cref="MergePersons"/>), chosen by a case reference of each: first a
/// side-by-side preview, then the merge. Below, the organisation's merges, each with its undo button.
/// </summary>
[Authorize(Policy = Policies.CaseWrite)]
public sealed class MergeModel(SigurDb db, CurrentUser me, Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public sealed record PersonRow(Guid Id, string Name, string DateOfBirth, Sex Sex, long Version, IReadOnlyList<string> CaseReferences);

    public sealed record MergeRow(Guid Id, long Version, string Kept, string Absorbed, IReadOnlyList<string> MovedCases, DateTime MergedAt, DateTime? UndoneAt);

    [BindProperty] public string? KeptReference { get; set; }
    [BindProperty] public string? AbsorbedReference { get; set; }

    public PersonRow? Kept { get; private set; }
    public PersonRow? Absorbed { get; private set; }
    public IReadOnlyList<MergeRow> Merges { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadMergesAsync(ct);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        Kept = await PersonOfCaseAsync(KeptReference, nameof(KeptReference), ct);
        Absorbed = await PersonOfCaseAsync(AbsorbedReference, nameof(AbsorbedReference), ct);
        if (Kept is not null && Absorbed is not null && Kept.Id == Absorbed.Id)
            ModelState.AddModelError(nameof(AbsorbedReference), L["Both cases already belong to the same person."]);
        if (!ModelState.IsValid) { Kept = Absorbed = null; }
        else await audit.ListAsync(nameof(Person), [Kept!.Id, Absorbed!.Id], FieldGroups.Identity, FieldGroups.DateOfBirth);
        await LoadMergesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostMergeAsync(Guid keptId, Guid absorbedId, long keptVersion, long absorbedVersion, CancellationToken ct)
    {
        var result = await MergePersons.Handle(keptId, new MergePersons.Request(absorbedId, keptVersion, absorbedVersion), db, me, audit, clock, ct);
        TempData["Message"] = result.Result is Ok<MergePersons.MergeView>
            ? (string)L["The persons were merged. The merge can be undone below."]
            : (string)L["The persons were not merged: one of them changed or is already merged. Start again."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUndoAsync(Guid id, long version, CancellationToken ct)
    {
        var result = await MergePersons.Undo(id, new MergePersons.UndoRequest(version), db, me, audit, clock, ct);
        TempData["Message"] = result.Result is Ok<MergePersons.MergeView>
            ? (string)L["The merge was undone: each person has their own cases again."]
            : (string)L["The merge could not be undone: it changed meanwhile. Reload and try again."];
        return RedirectToPage();
    }

    private async Task<PersonRow?> PersonOfCaseAsync(string? reference, string field, CancellationToken ct)
    {
        var r = reference?.Trim() ?? "";
        var personId = await db.Held<Case>().AsNoTracking().Where(c => c.Reference == r).Select(c => (Guid?)c.PersonId)
            .SingleOrDefaultAsync(ct);
        if (personId is null)
        {
            ModelState.AddModelError(field, L["No case with this reference in your organisation."]);
            return null;
        }
        var p = await db.Persons.AsNoTracking().SingleAsync(x => x.Id == personId, ct);
        if (p.MergedIntoId is not null)
        {
            ModelState.AddModelError(field, L["This person is already merged into another."]);
            return null;
        }
        var references = await db.Held<Case>().AsNoTracking().Where(c => c.PersonId == p.Id)
            .OrderBy(c => c.Reference).Select(c => c.Reference).ToListAsync(ct);
        return new PersonRow(p.Id, p.FullName, p.DateOfBirth, p.Sex, p.Version, references);
    }

    private async Task LoadMergesAsync(CancellationToken ct)
    {
        var merges = (await MergePersons.List(db, me, ct)).Value!;
        var ids = merges.SelectMany(m => new[] { m.KeptPersonId, m.AbsorbedPersonId }).Distinct().ToList();
        var names = await db.Held<Person>().AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.GivenName, p.FamilyName }).ToDictionaryAsync(p => p.Id, p => $"{p.GivenName} {p.FamilyName}".Trim(), ct);
        var caseIds = merges.SelectMany(m => m.MovedCaseIds).Distinct().ToList();
        var references = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, ct);
        Merges = merges.Select(m => new MergeRow(m.Id, m.Version, names.GetValueOrDefault(m.KeptPersonId, ""), names.GetValueOrDefault(m.AbsorbedPersonId, ""),
            m.MovedCaseIds.Select(id => references.GetValueOrDefault(id, "")).ToList(), m.MergedAt, m.UndoneAt)).ToList();
        if (ids.Count > 0) await audit.ListAsync(nameof(Person), ids, FieldGroups.Identity);
    }
}
