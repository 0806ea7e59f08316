using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Shelters;

/// <summary>
/// One shelter for those who keep it: its places per category (staff and the coordinator's office), occupancy over
/// the last 30 days, and, for its own staff, residents, admissions by case reference, discharges and the waiting list.
/// </summary>
[Authorize(Policy = Policies.ShelterPlaces)]
public sealed class ManageModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, Platform.Notifications.Notifier notifier,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public ShelterDetail Shelter { get; private set; } = null!;
    public List<ShelterResidents.Stay> Residents { get; private set; } = [];
    public List<ShelterResidents.Waiting> Waiting { get; private set; } = [];
    public List<Occupancy.Day> Days { get; private set; } = [];
    public bool IsStaff => me.May(Policies.ShelterManage) && Shelter.OrganisationId == me.OrganisationId;

    /// <summary>Every category, in a fixed order, for the places form.</summary>
    public static readonly (PlaceSex Sex, AgeGroup Age)[] Categories =
        [(PlaceSex.Female, AgeGroup.Adult), (PlaceSex.Female, AgeGroup.Child), (PlaceSex.Male, AgeGroup.Adult), (PlaceSex.Male, AgeGroup.Child)];

    [BindProperty] public long Version { get; set; }
    [BindProperty] public List<int> Places { get; set; } = [];
    [BindProperty] public string? CaseReference { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Policy(EditPlaces.Policy)]
    public async Task<IActionResult> OnPostPlacesAsync(Guid id, CancellationToken ct)
    {
        if (Places.Count != Categories.Length) return BadRequest();
        var request = new EditPlaces.Request(Version, [.. Categories.Select((c, i) => new EditPlaces.PlaceInput(c.Sex, c.Age, Places[i]))]);
        return await AfterAsync(id, (await EditPlaces.Handle(id, request, db, me, audit, ct)).Result, L["The places were saved."], ct);
    }

    [Policy(AdmitToShelter.Policy)]
    public async Task<IActionResult> OnPostAdmitAsync(Guid id, CancellationToken ct)
    {
        var caseId = await CaseByReferenceAsync(ct);
        if (caseId is null) return await NoSuchCaseAsync(id, ct);
        return await AfterAsync(id, (await AdmitToShelter.Handle(id, new AdmitToShelter.Request(caseId.Value), db, me, clock, notifier, ct)).Result, L["The person was admitted."], ct);
    }

    [Policy(AdmitToShelter.Policy)]
    public async Task<IActionResult> OnPostAdmitWaitingAsync(Guid id, Guid caseId, CancellationToken ct)
    {
        return await AfterAsync(id, (await AdmitToShelter.Handle(id, new AdmitToShelter.Request(caseId), db, me, clock, notifier, ct)).Result, L["The person was admitted."], ct);
    }

    [Policy(ShelterResidents.Policy)]
    public async Task<IActionResult> OnPostWaitAsync(Guid id, CancellationToken ct)
    {
        var caseId = await CaseByReferenceAsync(ct);
        if (caseId is null) return await NoSuchCaseAsync(id, ct);
        return await AfterAsync(id, (await ShelterResidents.AddToWaitingList(id, new ShelterResidents.WaitRequest(caseId.Value), db, me, clock, ct)).Result,
            L["The case was put on the waiting list."], ct);
    }

    [Policy(ShelterResidents.Policy)]
    public async Task<IActionResult> OnPostUnwaitAsync(Guid id, Guid entryId, CancellationToken ct)
    {
        return await AfterAsync(id, (await ShelterResidents.RemoveFromWaitingList(id, entryId, db, me, audit, clock, ct)).Result,
            L["The case was taken off the waiting list."], ct);
    }

    [Policy(DischargeFromShelter.Policy)]
    public async Task<IActionResult> OnPostDischargeAsync(Guid id, Guid placementId, CancellationToken ct)
    {
        return await AfterAsync(id, (await DischargeFromShelter.Handle(id, placementId, new DischargeFromShelter.Request(Reason), db, me, audit, clock, ct)).Result,
            L["The stay was ended."], ct);
    }

    private Task<Guid?> CaseByReferenceAsync(CancellationToken ct)
    {
        var reference = CaseReference?.Trim() ?? "";
        return db.Cases.AsNoTracking().Where(c => c.Reference == reference).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(ct);
    }

    private async Task<IActionResult> NoSuchCaseAsync(Guid id, CancellationToken ct)
    {
        ModelState.AddModelError(nameof(CaseReference), L["No case with this reference."]);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private Task<IActionResult> AfterAsync(Guid id, IResult result, string success, CancellationToken ct) =>
        this.AnswerAsync(result, L, success, () => RedirectToPage("Manage", new { id }), async () => await LoadAsync(id, ct) ? Page() : NotFound());

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var shelter = await ShelterLookups.KeptAsync(db, me, id, ct);
        if (shelter is null) return false;
        Shelter = new ShelterDetail(shelter.Id, shelter.OrganisationId, shelter.Name, shelter.Region, "", await ShelterLookups.PlacesAsync(db, id, ct), shelter.Version);
        ModelState.Remove(nameof(Version));
        Version = shelter.Version;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Days = await Occupancy.DaysAsync(db, id, today.AddDays(-29), today, ct);
        if (IsStaff)
        {
            if (await ShelterResidents.Placements(id, db, me, audit, ct) is { Result: Ok<List<ShelterResidents.Stay>> { Value: { } stays } }) Residents = stays;
            if (await ShelterResidents.WaitingList(id, db, me, audit, ct) is { Result: Ok<List<ShelterResidents.Waiting>> { Value: { } waiting } }) Waiting = waiting;
        }
        return true;
    }
}
