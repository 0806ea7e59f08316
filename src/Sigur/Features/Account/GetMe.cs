using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Account;

/// <summary>Who the bearer of this session or token is: user, organisation, role and interface language.</summary>
public static class GetMe
{
    public const string Policy = Policies.SignedIn;

    public sealed record Me(Guid UserId, string UserName, string DisplayName, Guid OrganisationId, string OrganisationName, Role Role, string Culture);

    public static async Task<Ok<Me>> Handle(SigurDb db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok(await db.Users.AsNoTracking().Where(u => u.Id == user.UserId)
            .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (u, o) => new Me(u.Id, u.UserName!, u.DisplayName, o.Id, o.Name, u.Role, u.Culture))
            .SingleAsync(ct));
}
