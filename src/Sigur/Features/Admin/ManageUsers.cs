using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Admin;

/// <summary>
/// Administrators create accounts (with a one-time password shown once, to be replaced at first sign-in),
/// and disable them — which signs the account out everywhere at once.
/// </summary>
public static class ManageUsers
{
    public const string Policy = Policies.Administration;

    public sealed record UserInput(string UserName, string DisplayName, string? Email, Guid OrganisationId, Role Role);

    public sealed record UserView(Guid Id, string UserName, string DisplayName, Guid OrganisationId, Role Role, bool IsDisabled, bool TwoFactorEnabled)
    {
        public static UserView From(SigurUser u) => new(u.Id, u.UserName ?? "", u.DisplayName, u.OrganisationId, u.Role, u.IsDisabled, u.TwoFactorEnabled);
    }

    public sealed record Created(UserView User, string OneTimePassword);

    public static async Task<Ok<List<UserView>>> List(SigurDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct)).ConvertAll(UserView.From));

    public static async Task<Results<Created<Created>, ValidationProblem>> Create(UserInput input, UserManager<SigurUser> users, SigurDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.UserName) || input.UserName.Length > 100 || !input.UserName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
            errors["userName"] = ["1 to 100 letters, digits, '.', '-', '_' or '@'."];
        if (string.IsNullOrWhiteSpace(input.DisplayName) || input.DisplayName.Length > 200) errors["displayName"] = ["1 to 200 characters."];
        if (!Enum.IsDefined(input.Role)) errors["role"] = ["Unknown role."];
        var organisationType = await db.Organisations.Where(o => o.Id == input.OrganisationId).Select(o => (OrganisationType?)o.Type).SingleOrDefaultAsync(ct);
        if (organisationType is null) errors["organisationId"] = ["No such organisation."];
        // The duplicate review across organisations is the national coordinator's office's, nobody else's.
        else if (input.Role == Role.DataProtectionOfficer && organisationType != OrganisationType.NationalCoordinatorOffice)
            errors["role"] = ["The data-protection officer belongs to the national coordinator's office."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var user = new SigurUser
        {
            UserName = input.UserName.Trim(), DisplayName = input.DisplayName.Trim(), Email = input.Email?.Trim(),
            OrganisationId = input.OrganisationId, Role = input.Role, MustChangePassword = true,
        };
        var password = OneTimePassword();
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["userName"] = result.Errors.Select(e => e.Description).ToArray() });
        return TypedResults.Created($"/api/v1/users/{user.Id}", new Created(UserView.From(user), password));
    }

    public static Task<Results<NoContent, ProblemHttpResult>> Disable(Guid id, UserManager<SigurUser> users, IMemoryCache cache, CurrentUser me) =>
        SetDisabled(id, true, users, cache, me);

    public static Task<Results<NoContent, ProblemHttpResult>> Enable(Guid id, UserManager<SigurUser> users, IMemoryCache cache, CurrentUser me) =>
        SetDisabled(id, false, users, cache, me);

    public static async Task<Results<NoContent, ProblemHttpResult>> SetDisabled(Guid id, bool disabled, UserManager<SigurUser> users, IMemoryCache cache, CurrentUser me)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return Problems.NotFound();
        if (disabled && user.Id == me.UserId)
            return TypedResults.Problem(statusCode: 409, title: "You cannot disable your own account.");
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        // A new security stamp invalidates every cookie and bearer token issued before.
        await users.UpdateSecurityStampAsync(user);
        SignedInUser.Forget(cache, user.Id);
        return TypedResults.NoContent();
    }

    /// <summary>20 random characters from every class the password rules ask for; shown once, never stored in clear.</summary>
    public static string OneTimePassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "-_.!@#%+=";
        const string all = lower + upper + digits + symbols;
        var chars = new char[20];
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
