using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Sigur.Platform.Access;

/// <summary>Puts the user's organisation and role into the sign-in principal, for the policies and the query filters.</summary>
public sealed class SigurClaimsFactory(UserManager<SigurUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<SigurUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(SigurUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.OrganisationClaim, user.OrganisationId.ToString()));
        identity.AddClaim(new Claim(CurrentUser.RoleClaim, user.Role.ToString()));
        return identity;
    }
}
