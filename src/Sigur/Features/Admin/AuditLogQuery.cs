using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Admin;

/// <summary>The audit log for administrators, filtered by user, organisation, action, record and time.</summary>
public static class AuditLogQuery
{
    public const string Policy = Policies.Administration;

    public sealed record Filter(Guid? UserId = null, Guid? OrganisationId = null, string? Action = null, string? RecordId = null,
        DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50);

    public sealed record Row(long Sequence, DateTime At, Guid? UserId, Guid? OrganisationId, string? Role, string Action,
        string? RecordType, string? RecordIds, string? FieldGroups, string? Reason, string? Address);

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<List<Row>>> Get([AsParameters] Filter filter, SigurDb db, CancellationToken ct) =>
        TypedResults.Ok(await Handle(filter, db, ct));

    public static async Task<List<Row>> Handle(Filter f, SigurDb db, CancellationToken ct)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (f.UserId is { } u) q = q.Where(e => e.UserId == u);
        if (f.OrganisationId is { } o) q = q.Where(e => e.OrganisationId == o);
        if (!string.IsNullOrWhiteSpace(f.Action)) q = q.Where(e => e.Action == f.Action);
        if (!string.IsNullOrWhiteSpace(f.RecordId)) q = q.Where(e => e.RecordIds != null && e.RecordIds.Contains(f.RecordId));
        if (f.From is { } from) q = q.Where(e => e.At >= from);
        if (f.To is { } to) q = q.Where(e => e.At < to);
        var size = Math.Clamp(f.PageSize, 1, 500);
        return await q.OrderByDescending(e => e.Sequence).Skip((Math.Max(f.Page, 1) - 1) * size).Take(size)
            .Select(e => new Row(e.Sequence, e.At, e.UserId, e.OrganisationId, e.Role, e.Action, e.RecordType, e.RecordIds, e.FieldGroups, e.Reason, e.Address))
            .ToListAsync(ct);
    }
}
