using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Notifications;

namespace Sigur.Features.Admin;

/// <summary>One account for its administrator: reset the password or the authenticator, change role and organisation, see the sessions (<see cref="ManageAccounts"/>).</summary>
[Authorize(Policy = ManageAccounts.Policy)]
public sealed class UserModel(SigurDb db, UserManager<SigurUser> users, IMemoryCache cache, CurrentUser me, Platform.Audit.Audit audit, Notifier notifier,
    IStringLocalizer<SharedResource> L) : PageModel
{
    public ManageAccounts.UserView Account { get; private set; } = null!;
    public List<SessionsOf.Item> Sessions { get; private set; } = [];
    public List<Organisation> Organisations { get; private set; } = [];
    /// <summary>Shown once, on the answer to the reset, never stored in clear or put in a redirect.</summary>
    public string? OneTimePassword { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public Role Role { get; set; }
    [BindProperty] public Guid OrganisationId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPasswordAsync(Guid id, CancellationToken ct)
    {
        var result = await ManageAccounts.ResetPassword(id, users, db, me, audit, notifier, cache, ct);
        if (result.Result is Ok<ManageAccounts.Reset> { Value: { } reset }) OneTimePassword = reset.OneTimePassword;
        return await ShowAsync(id, result.Result, L["The password was reset and the account signed out everywhere."], ct);
    }

    public async Task<IActionResult> OnPostAuthenticatorAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(id, (await ManageAccounts.ResetAuthenticator(id, users, db, me, audit, notifier, cache, ct)).Result,
            L["The authenticator was reset: the user enrols a new one at the next sign-in."], ct);

    public async Task<IActionResult> OnPostRoleAsync(Guid id, CancellationToken ct) =>
        await ShowAsync(id, (await ManageAccounts.ChangeRole(id, new ManageAccounts.RoleChange(Role, OrganisationId), users, db, me, audit, notifier, cache, ct)).Result,
            L["The role and organisation were changed and the account signed out everywhere."], ct);

    private async Task<IActionResult> ShowAsync(Guid id, IResult result, string done, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        switch (result)
        {
            case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }:
                return NotFound();
            case ProblemHttpResult problem:
                Error = problem.In(L);
                break;
            case ValidationProblem invalid:
                Error = string.Join(" ", invalid.ProblemDetails.Errors.SelectMany(e => e.Value).Select(m => L[m].Value));
                break;
            default:
                TempData["Message"] = done;
                break;
        }
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return false;
        Account = ManageAccounts.UserView.From(user);
        (Role, OrganisationId) = (user.Role, user.OrganisationId);
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(ct);
        Sessions = (await SessionsOf.OfUser(id, db, audit, ct)).Result is Ok<List<SessionsOf.Item>> { Value: { } s } ? s : [];
        return true;
    }
}
