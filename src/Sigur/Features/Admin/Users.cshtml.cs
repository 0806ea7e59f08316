using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Admin;

/// <summary>
/// Accounts: list, create (the one-time password is shown once, on the answer to the POST, never stored in clear
/// or put in a redirect) and disable/enable (<see cref="ManageUsers"/>).
/// </summary>
[Authorize(Policy = Policies.Administration)]
public sealed class UsersModel(SigurDb db, UserManager<SigurUser> users, IMemoryCache cache, CurrentUser me, IStringLocalizer<SharedResource> L) : PageModel
{
    public List<ManageUsers.UserView> Users { get; private set; } = [];
    public Dictionary<Guid, string> Organisations { get; private set; } = [];
    [BindProperty] public UserForm Form { get; set; } = new();
    public ManageUsers.Created? Created { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var result = await ManageUsers.Create(
            new ManageUsers.UserInput(Form.UserName ?? "", Form.DisplayName ?? "", Form.Email, Form.OrganisationId, Form.Role), users, db, ct);
        // Created or refused, the page is shown again: the one-time password appears once, on this answer.
        var answer = await this.AnswerAsync<ManageUsers.Created>(result, L, _ => null, created =>
        {
            Created = created;
            Form = new UserForm();
            ModelState.Clear();
            return Page();
        }, how: new() { Prefix = nameof(Form), Fields = UserForm.Fields });
        await LoadAsync(ct);
        return answer;
    }

    public async Task<IActionResult> OnPostDisableAsync(Guid id, CancellationToken ct) => await SetDisabledAsync(id, true, ct);

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) => await SetDisabledAsync(id, false, ct);

    private async Task<IActionResult> SetDisabledAsync(Guid id, bool disabled, CancellationToken ct)
    {
        var result = await ManageUsers.SetDisabled(id, disabled, users, cache, me);
        return await this.AnswerAsync(result, L, disabled ? L["The account was disabled and signed out everywhere."] : L["The account was enabled."],
            () => RedirectToPage(), async () =>
            {
                await LoadAsync(ct);
                return Page();
            }, new() { Refused = _ => Error = L["You cannot disable your own account."] });
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Users = (await ManageUsers.List(db, ct)).Value!;
        Organisations = (await ManageOrganisations.List(db, ct)).Value!.ToDictionary(o => o.Id, o => o.Name);
    }
}

public sealed class UserForm
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public Guid OrganisationId { get; set; }
    public Role Role { get; set; } = Role.CaseWorker;

    public static readonly string[] Fields = ["UserName", "DisplayName", "Email", "OrganisationId", "Role"];
}
