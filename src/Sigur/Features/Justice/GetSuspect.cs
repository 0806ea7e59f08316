using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>A suspect's file with the cases they are linked to, and the organisation's list of suspects. Every read is audited.</summary>
public static class GetSuspect
{
    public const string Policy = Policies.Justice;

    public sealed record CaseLink(Guid CaseId, string CaseReference, IReadOnlyList<string> RolesInProcess, RelationToVictim RelationToVictim, DateTime LinkedAt);

    public sealed record SuspectDetail(Guid Id, string GivenName, string FamilyName, IReadOnlyList<string> Aliases, string DateOfBirth, Sex Sex,
        IReadOnlyList<string> Citizenships, string Notes, long Version, IReadOnlyList<CaseLink> Cases);

    public sealed record SuspectSummary(Guid Id, string Name, IReadOnlyList<string> Citizenships, int Cases);

    public static async Task<Results<Ok<SuspectDetail>, ProblemHttpResult>> Handle(Guid id, SigurDb db, Audit audit, CancellationToken ct)
    {
        var s = await db.Set<Suspect>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (s is null) return Problems.NotFound();
        var links = await (from l in db.Set<SuspectCaseLink>().AsNoTracking()
                           join c in db.Cases.AsNoTracking() on l.CaseId equals c.Id
                           where l.SuspectId == id
                           orderby l.LinkedAt
                           select new { l, c.Reference }).ToListAsync(ct);
        await audit.ReadAsync(nameof(Suspect), id, FieldGroups.Identity, FieldGroups.DateOfBirth, FieldGroups.Profile, FieldGroups.Narrative);
        return TypedResults.Ok(new SuspectDetail(s.Id, s.GivenName, s.FamilyName, PersonDetail.SplitLines(s.Aliases), s.DateOfBirth, s.Sex, s.Citizenships,
            s.Notes, s.Version, [.. links.Select(x => new CaseLink(x.l.CaseId, x.Reference, x.l.RolesInProcess, x.l.RelationToVictim, x.l.LinkedAt))]));
    }

    public static async Task<Ok<IReadOnlyList<SuspectSummary>>> List(SigurDb db, Audit audit, CancellationToken ct)
    {
        var rows = await db.Set<Suspect>().AsNoTracking().OrderByDescending(s => s.CreatedAt).Take(200).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var counts = await db.Set<SuspectCaseLink>().AsNoTracking().Where(l => ids.Contains(l.SuspectId))
            .GroupBy(l => l.SuspectId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        await audit.ListAsync(nameof(Suspect), ids, FieldGroups.Identity, FieldGroups.Profile);
        return TypedResults.Ok<IReadOnlyList<SuspectSummary>>([.. rows.Select(s => new SuspectSummary(s.Id, s.FullName, s.Citizenships, counts.GetValueOrDefault(s.Id)))]);
    }

    /// <summary>The suspects linked to one case, for the police and prosecution working on it.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SuspectSummary>>, ProblemHttpResult>> OfCase(Guid caseId, SigurDb db, Audit audit, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(c => c.Id == caseId, ct)) return Problems.NotFound();
        var rows = await (from l in db.Set<SuspectCaseLink>().AsNoTracking()
                          join s in db.Set<Suspect>().AsNoTracking() on l.SuspectId equals s.Id
                          where l.CaseId == caseId
                          select s).ToListAsync(ct);
        await audit.ListAsync(nameof(Suspect), rows.Select(r => r.Id), FieldGroups.Identity, FieldGroups.Profile);
        return TypedResults.Ok<IReadOnlyList<SuspectSummary>>([.. rows.Select(s => new SuspectSummary(s.Id, s.FullName, s.Citizenships, 1))]);
    }
}
