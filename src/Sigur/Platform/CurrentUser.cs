using System.Security.Claims;

namespace Sigur.Platform;

/// <summary>
/// Who is acting, for which organisation, in which role. Resolved once per request from the signed-in principal;
/// SigurDb's query filters and the audit log both read it, so no feature handles access on its own.
/// </summary>
public sealed class CurrentUser
{
    public const string OrganisationClaim = "sigur:org";
    public const string RoleClaim = "sigur:role";

    public Guid? UserId { get; private set; }
    public Guid? OrganisationId { get; private set; }
    public Role? Role { get; private set; }
    public string? Address { get; private set; }
    /// <summary>The command-line verbs and background jobs act as the system: no organisation, no record access through filters.</summary>
    public bool IsSystem { get; private set; }

    public bool IsAuthenticated => UserId is not null;

    public static CurrentUser System() => new() { IsSystem = true };

    public static CurrentUser For(Guid userId, Guid organisationId, Role role, string? address = null) =>
        new() { UserId = userId, OrganisationId = organisationId, Role = role, Address = address };

    public void SetFrom(ClaimsPrincipal principal, string? address)
    {
        Address = address;
        if (principal.Identity?.IsAuthenticated != true) return;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)) return;
        if (!Guid.TryParse(principal.FindFirstValue(OrganisationClaim), out var orgId)) return;
        if (!Enum.TryParse<Role>(principal.FindFirstValue(RoleClaim), out var role)) return;
        UserId = userId;
        OrganisationId = orgId;
        Role = role;
    }
}
