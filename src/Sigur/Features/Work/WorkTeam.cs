using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Work;

/// <summary>The people of an organisation who can be given a case or a task: active accounts of a role that reads cases.</summary>
public static class WorkTeam
{
    public sealed record Member(Guid Id, string DisplayName, Role Role);

    public static async Task<List<Member>> OfAsync(SigurDb db, Guid organisationId, CancellationToken ct)
    {
        var roles = Policies.CaseReaders;
        var users = await db.Users.AsNoTracking().Where(u => u.OrganisationId == organisationId && !u.IsDisabled)
            .Select(u => new { u.Id, u.DisplayName, u.Role }).ToListAsync(ct);
        return [.. users.Where(u => roles.Contains(u.Role)).OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).Select(u => new Member(u.Id, u.DisplayName, u.Role))];
    }

    /// <summary>Null when every id names a member; otherwise the error for <paramref name="field"/>.</summary>
    public static async Task<string?> CheckAsync(SigurDb db, Guid organisationId, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        if (wanted.Count == 0) return null;
        var members = (await OfAsync(db, organisationId, ct)).Select(m => m.Id).ToHashSet();
        return wanted.All(members.Contains) ? null : "Choose a colleague of the holding organisation who works cases.";
    }
}
