using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Referrals;
using Sigur.Features.Statistics;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Duplicates;

/// <summary>
/// Two persons of the caller's organisation are one human being: the absorbed person's cases (and the referrals
/// of those cases) move to the kept person, the absorbed person stays as a record marked merged, the kept person is
/// also found by the absorbed person's names, and a confirmed <see cref="PersonLink"/> joins the two so that any
/// link the absorbed person had across organisations still counts. Nothing is deleted. <see cref="Undo"/> moves
/// back exactly the cases that moved and lifts the mark. Both are audited; both take the versions the caller saw
/// (409 when someone changed a person or the merge meanwhile).
/// </summary>
public static class MergePersons
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(Guid AbsorbedPersonId, long KeptVersion, long AbsorbedVersion);

    public sealed record UndoRequest(long Version);

    public sealed record MergeView(Guid Id, Guid KeptPersonId, Guid AbsorbedPersonId, IReadOnlyList<Guid> MovedCaseIds, DateTime MergedAt, DateTime? UndoneAt, long Version)
    {
        public static MergeView From(PersonMerge m) => new(m.Id, m.KeptPersonId, m.AbsorbedPersonId, m.MovedCaseIds, m.MergedAt, m.UndoneAt, m.Version);
    }


    public static async Task<Results<Ok<MergeView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct)
    {
        var organisationId = user.OrganisationId!.Value;
        // Only the organisation's own persons: those read through a referral or break-glass are not its to merge.
        var kept = await db.Held<Person>().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (kept is null) return Problems.NotFound();
        if (request.AbsorbedPersonId == id)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["absorbedPersonId"] = ["A person cannot be merged into themselves."] });
        var absorbed = await db.Held<Person>().SingleOrDefaultAsync(p => p.Id == request.AbsorbedPersonId, ct);
        if (absorbed is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["absorbedPersonId"] = ["No such person in your organisation."] });
        if (kept.MergedIntoId is not null || absorbed.MergedIntoId is not null)
            return Problems.Conflict("One of the two persons is already merged into another. Undo that merge first.");
        if (kept.Version != request.KeptVersion || absorbed.Version != request.AbsorbedVersion) return Problems.Conflict();

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var cases = await db.Held<Case>().Where(c => c.PersonId == absorbed.Id).ToListAsync(ct);
        foreach (var c in cases) c.PersonId = kept.Id;
        var moved = cases.Select(c => c.Id).ToList();
        await MoveReferralsAsync(db, moved, kept.Id, ct);

        absorbed.MergedIntoId = kept.Id;
        // The kept person changes too (its cases, its names in the index): a stale editor of it gets 409.
        db.Entry(kept).Property(p => p.Version).IsModified = true;

        var link = await db.Set<PersonLink>().SingleOrDefaultAsync(l =>
            (l.PersonAId == kept.Id && l.PersonBId == absorbed.Id) || (l.PersonAId == absorbed.Id && l.PersonBId == kept.Id), ct);
        if (link is null)
        {
            link = new PersonLink { PersonAId = kept.Id, PersonBId = absorbed.Id, CreatedAt = now, Score = 1 };
            db.Add(link);
        }
        link.Confirmed = true;
        link.ConfirmedAt = now;
        link.ConfirmedBy = user.UserId;
        link.Rejected = false;

        var merge = new PersonMerge
        {
            OrganisationId = organisationId, KeptPersonId = kept.Id, AbsorbedPersonId = absorbed.Id, MovedCaseIds = moved, LinkId = link.Id,
            MergedAt = now, MergedBy = user.UserId,
        };
        db.Add(merge);
        db.AuditWithNextSave(audit.New(AuditAction.MergePersons, nameof(Person), $"{kept.Id} {absorbed.Id}", [], null));
        try
        {
            await db.SaveChangesAsync(ct);
            // Once the moves are saved, the kept person and all its cases are also found by the absorbed person's names.
            await NameIndex.RefreshAsync(db, kept, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        await tx.CommitAsync(ct);
        return TypedResults.Ok(MergeView.From(merge));
    }

    public static async Task<Results<Ok<MergeView>, ValidationProblem, ProblemHttpResult>> Undo(
        Guid id, UndoRequest request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct)
    {
        var merge = await db.Held<PersonMerge>().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (merge is null) return Problems.NotFound();
        if (merge.UndoneAt is not null) return Problems.Conflict("This merge has already been undone.");
        if (merge.Version != request.Version) return Problems.Conflict();
        var kept = await db.Persons.SingleAsync(p => p.Id == merge.KeptPersonId, ct);
        var absorbed = await db.Persons.SingleAsync(p => p.Id == merge.AbsorbedPersonId, ct);

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Exactly the cases that moved; a case registered for the kept person after the merge stays with them.
        var moved = merge.MovedCaseIds.ToList();
        var cases = await db.Cases.Where(c => moved.Contains(c.Id) && c.PersonId == kept.Id).ToListAsync(ct);
        foreach (var c in cases) c.PersonId = absorbed.Id;
        await MoveReferralsAsync(db, cases.Select(c => c.Id).ToList(), absorbed.Id, ct);
        absorbed.MergedIntoId = null;
        db.Entry(kept).Property(p => p.Version).IsModified = true;

        var link = await db.Set<PersonLink>().SingleOrDefaultAsync(l => l.Id == merge.LinkId, ct);
        if (link is not null)
        {
            // Judged two people after all: unconfirmed, and never proposed again.
            link.Confirmed = false;
            link.Rejected = true;
            link.RejectedAt = now;
            link.RejectedBy = user.UserId;
        }
        merge.UndoneAt = now;
        merge.UndoneBy = user.UserId;
        db.AuditWithNextSave(audit.New(AuditAction.UnmergePersons, nameof(Person), $"{kept.Id} {absorbed.Id}", [], null));
        try
        {
            await db.SaveChangesAsync(ct);
            // Once the absorbed person is on their own again, each is found (with their cases) by their own names only.
            await NameIndex.RefreshAsync(db, kept, ct);
            await NameIndex.RefreshAsync(db, absorbed, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        await tx.CommitAsync(ct);
        return TypedResults.Ok(MergeView.From(merge));
    }

    /// <summary>The organisation's merges, newest first (the page lists them with an undo button).</summary>
    public static async Task<Ok<List<MergeView>>> List(SigurDb db, CurrentUser user, CancellationToken ct) =>
        TypedResults.Ok((await db.Held<PersonMerge>().AsNoTracking()
            .OrderByDescending(m => m.MergedAt).Take(100).ToListAsync(ct)).ConvertAll(MergeView.From));

    // A referral names its case's person; it follows the case. Referrals are shared with the recipient, so the filter is lifted for the ids only.
    private static Task<int> MoveReferralsAsync(SigurDb db, List<Guid> caseIds, Guid personId, CancellationToken ct) =>
        caseIds.Count == 0 ? Task.FromResult(0)
            : db.Set<Referral>().IgnoreQueryFilters().Where(r => caseIds.Contains(r.CaseId)).ExecuteUpdateAsync(s => s.SetProperty(r => r.PersonId, personId), ct);
}
