using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.Referrals;

/// <summary>
/// One case's consents and referrals, for the holding organisation: record or withdraw a consent, refer the case
/// to an organisation a consent in force names (<see cref="RecordConsent"/>, <see cref="CreateReferral"/>).
/// </summary>
[Authorize(Policy = Policies.Refer)]
public sealed class ReferModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, Platform.Notifications.Notifier notifier, IStringLocalizer<SharedResource> L) : PageModel
{
    public Guid CaseId { get; private set; }
    public string CaseReference { get; private set; } = "";
    public List<ConsentView> Consents { get; private set; } = [];
    public List<ReferralView> Referrals { get; private set; } = [];
    public List<Organisation> Organisations { get; private set; } = [];

    [BindProperty] public ConsentGiver GivenBy { get; set; } = ConsentGiver.Person;
    [BindProperty] public string? GuardianName { get; set; }
    [BindProperty] public List<Guid> Recipients { get; set; } = [];
    [BindProperty] public List<DataGroup> Groups { get; set; } = [];
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public DateOnly? ValidUntil { get; set; }
    [BindProperty] public Guid Recipient { get; set; }
    [BindProperty] public List<ServiceType> Services { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken ct) => await LoadAsync(caseId, ct) ? Page() : NotFound();

    [Policy(RecordConsent.Policy)]
    public async Task<IActionResult> OnPostConsentAsync(Guid caseId, CancellationToken ct)
    {
        var result = await RecordConsent.Handle(caseId, new RecordConsent.Request(GivenBy, Recipients, Groups, Purpose ?? "",
            ValidUntil ?? DateOnly.MinValue, GuardianName), db, me, clock, ct);
        return await AfterAsync(caseId, result.Result, ct);
    }

    [Policy(WithdrawConsent.Policy)]
    public async Task<IActionResult> OnPostWithdrawAsync(Guid caseId, Guid consentId, CancellationToken ct)
    {
        return await AfterAsync(caseId, (await WithdrawConsent.Handle(consentId, db, me, clock, notifier, ct)).Result, ct);
    }

    [Policy(CreateReferral.Policy)]
    public async Task<IActionResult> OnPostReferAsync(Guid caseId, CancellationToken ct) =>
        await AfterAsync(caseId, (await CreateReferral.Handle(new CreateReferral.Request(caseId, Recipient, Services), db, me, clock, notifier, ct)).Result, ct);

    private Task<IActionResult> AfterAsync(Guid caseId, IResult result, CancellationToken ct) =>
        this.AnswerAsync(result, L, L["Saved."], () => RedirectToPage("Refer", new { caseId }), async () => await LoadAsync(caseId, ct) ? Page() : NotFound());

    private async Task<bool> LoadAsync(Guid caseId, CancellationToken ct)
    {
        var c = await db.Held<Case>().AsNoTracking().Where(x => x.Id == caseId)
            .Select(x => new { x.Id, x.Reference }).SingleOrDefaultAsync(ct);
        if (c is null) return false;
        (CaseId, CaseReference) = (c.Id, c.Reference);
        if (await ListConsents.Handle(caseId, db, me, audit, clock, ct) is { Result: Ok<List<ConsentView>> { Value: { } consents } }) Consents = consents;
        if (await ListReferrals.OfCase(caseId, db, audit, ct) is { Result: Ok<List<ReferralView>> { Value: { } referrals } }) Referrals = referrals;
        Organisations = await db.Organisations.AsNoTracking().Where(o => o.IsActive && o.Id != me.OrganisationId).OrderBy(o => o.Name).ToListAsync(ct);
        return true;
    }
}
