using Sigur.Data;

namespace Sigur.Platform.Audit;

/// <summary>
/// What a use case calls to record an access. Changes to records are recorded by SigurDb itself, in the same
/// transaction as the change (see SigurDb.SaveChangesAsync); this records what changes nothing: reads, lists,
/// exports, sign-ins, denials.
/// </summary>
public sealed class Audit(AuditWriter writer, CurrentUser user, TimeProvider clock)
{
    public Task ReadAsync(string recordType, Guid id, params string[] fieldGroups) =>
        WriteAsync(AuditAction.Read, recordType, id.ToString(), fieldGroups);

    public Task ListAsync(string recordType, IEnumerable<Guid> ids, params string[] fieldGroups) =>
        WriteAsync(AuditAction.List, recordType, string.Join(' ', ids), fieldGroups);

    public Task EventAsync(AuditAction action, string? recordType = null, string? recordIds = null, string? reason = null, Guid? userId = null, Guid? organisationId = null)
    {
        DeniedRecorded |= action == AuditAction.Denied;
        return writer.AppendAsync(New(action, recordType, recordIds, [], reason, userId, organisationId));
    }

    /// <summary>Whether this request already recorded a denial (the 404 audit then adds none).</summary>
    public bool DeniedRecorded { get; private set; }

    private Task WriteAsync(AuditAction action, string recordType, string ids, string[] fieldGroups) =>
        writer.AppendAsync(New(action, recordType, ids, fieldGroups, null, null, null));

    public AuditEntry New(AuditAction action, string? recordType, string? recordIds, string[] fieldGroups, string? reason, Guid? userId = null, Guid? organisationId = null) => new()
    {
        At = clock.GetUtcNow().UtcDateTime,
        UserId = userId ?? user.UserId,
        OrganisationId = organisationId ?? user.OrganisationId,
        Role = user.Role?.ToString(),
        Action = action.Text(),
        RecordType = recordType,
        RecordIds = string.IsNullOrEmpty(recordIds) ? null : recordIds,
        FieldGroups = fieldGroups.Length == 0 ? null : string.Join(' ', fieldGroups.Distinct().Order()),
        Reason = reason,
        Address = user.Address,
    };
}
