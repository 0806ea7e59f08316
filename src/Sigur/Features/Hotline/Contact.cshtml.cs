using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Hotline;

/// <summary>
/// One contact in full (audited), and the form that turns it into a case (<see cref="ConvertToCase"/>), together with
/// any other open contacts of the hotline about the same situation (a caller who rang twice, a worried family and a witness).
/// </summary>
[Authorize(Policy = Policies.Hotline)]
public sealed class ContactModel(SigurDb db, CurrentUser me, TimeProvider clock, IdentificationRules rules, Statistics.StatisticsSettings statistics, Platform.Audit.Audit audit, IStringLocalizer<SharedResource> L) : PageModel
{
    public ListContacts.Detail Contact { get; private set; } = null!;
    public string? Refusal { get; private set; }

    [BindProperty] public string? GivenName { get; set; }
    [BindProperty] public string? FamilyName { get; set; }
    [BindProperty] public bool PossiblyChild { get; set; }
    /// <summary>Other open contacts to join to the same case.</summary>
    [BindProperty] public List<Guid> AlsoContacts { get; set; } = [];
    /// <summary>The hotline's other open contacts, newest first, offered to join the case.</summary>
    public IReadOnlyList<ListContacts.Item> OtherOpen { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var person = new PersonInput(GivenName ?? "", FamilyName ?? "", PossiblyChild: PossiblyChild);
        var result = await ConvertToCase.Handle(new ConvertToCase.Request([id, .. AlsoContacts.Where(x => x != id).Distinct()], person), db, me, clock, rules, ct, statistics);
        return await this.AnswerAsync<ConvertToCase.Response>(result, L, created => string.Format(L["Case {0} registered."], created.Reference),
            created => Redirect($"/Identification/Case/{created.CaseId}"), async () => await LoadAsync(id, ct) ? Page() : NotFound(),
            new() { Fields = [], Refused = refusal => Refusal = refusal });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await ListContacts.Get(id, db, audit, ct)).Result is not Ok<ListContacts.Detail> { Value: { } detail }) return false;
        Contact = detail;
        if (detail.CaseId is null)
            OtherOpen = [.. (await ListContacts.List(1, 20, null, open: true, db, audit, ct)).Items.Where(i => i.Id != id)];
        return true;
    }
}
