using Microsoft.AspNetCore.Identity;

namespace Sigur.Platform;

/// <summary>A person who signs in. Holds one role within one organisation.</summary>
public sealed class SigurUser : IdentityUser<Guid>
{
    public SigurUser() => Id = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }
    public Role Role { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>The interface language chosen by the user (one of SigurHost.Cultures).</summary>
    public string Culture { get; set; } = "en";
    public bool IsDisabled { get; set; }
    /// <summary>Set for accounts created with a one-time password: the first sign-in must replace it.</summary>
    public bool MustChangePassword { get; set; }
    /// <summary>
    /// The time step (Unix seconds / 30) of the last authenticator code accepted: a code is accepted once, so a code
    /// seen over a shoulder or in a log cannot be used again. Kept in the database so it holds across instances.
    /// </summary>
    public long? LastTotpStep { get; set; }
}
