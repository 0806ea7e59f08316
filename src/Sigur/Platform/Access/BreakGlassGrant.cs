namespace Sigur.Platform.Access;

/// <summary>
/// Emergency access by a user to one case outside their organisation, with a stated reason, for a limited time.
/// Every grant is audited, alerted to administrators and listed on their dashboard.
/// </summary>
public sealed class BreakGlassGrant
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public Guid OrganisationId { get; set; }
    public Guid CaseId { get; set; }
    public Guid PersonId { get; set; }
    [Sensitive(FieldGroups.Narrative)] public required string Reason { get; set; }
    public DateTime GrantedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    /// <summary>Set when an administrator has looked at the grant and found it justified or not.</summary>
    public DateTime? ReviewedAt { get; set; }
    public Guid? ReviewedBy { get; set; }

    public static readonly TimeSpan Duration = TimeSpan.FromHours(4);
}
