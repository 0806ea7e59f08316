using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Work;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.Cases;

/// <summary>
/// Closes a case with a reason from the list. What is still open on it (referrals, shelter stays, fund requests,
/// running clocks) must first be settled on its own page, or named in <see cref="Request.CarryOver"/> to be carried
/// over consciously; otherwise the closure is refused (409) and the answer lists what is open. The case's open tasks
/// are cancelled with it. From then on the case is read-only until it is reopened (<see cref="ClosedCaseGuard"/>).
/// </summary>
public static class CloseCase
{
    public const string Policy = Policies.CaseWrite;
    public const string ReadPolicy = Policies.CaseRead;

    public const string ByClosureOnly = "A case is closed and reopened by its closure, with a reason, not by changing its status.";
    public const int NoteMax = 2000;

    public sealed record Request(long Version, ClosureReason Reason, string? Note = null, IReadOnlyList<Guid>? CarryOver = null);

    public sealed record Entry(Guid Id, ClosureStep Step, ClosureReason? Reason, string Note, IReadOnlyList<Guid> CarriedOver, DateTime At, Guid By)
    {
        public static Entry From(CaseClosure x) => new(x.Id, x.Step, x.Reason, x.Note, x.CarriedOver, x.At, x.By);
    }

    /// <summary>Where a case stands: its status and version, what is still open, and its closures and reopenings.</summary>
    public sealed record State(Guid CaseId, string Reference, CaseStatus Status, long Version, IReadOnlyList<OpenItem> Open, IReadOnlyList<Entry> History);

    public static async Task<Results<Ok<State>, ProblemHttpResult>> Get(Guid id, SigurDb db, Platform.Audit.Audit audit, CancellationToken ct)
    {
        var c = await db.Held<Case>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Problems.NotFound();
        var history = await db.CaseClosures().AsNoTracking().Where(x => x.CaseId == id).OrderBy(x => x.At).ToListAsync(ct);
        await audit.ReadAsync(nameof(CaseClosure), id, FieldGroups.CaseAdministration, FieldGroups.Narrative);
        return TypedResults.Ok(new State(c.Id, c.Reference, c.Status, c.Version, await CaseClosureModel.OpenItemsAsync(db, id, ct), [.. history.Select(Entry.From)]));
    }

    public static async Task<Results<Ok<State>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, Platform.Audit.Audit audit, CancellationToken ct)
    {
        var c = await db.Held<Case>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.Reason)) errors["reason"] = ["Choose a reason from the list."];
        if (request.Note is { Length: > NoteMax }) errors["note"] = ["At most 2000 characters."];
        if (request.Reason == ClosureReason.Other && string.IsNullOrWhiteSpace(request.Note)) errors["note"] = ["Say why, when the reason is \"other\"."];
        var open = await CaseClosureModel.OpenItemsAsync(db, id, ct);
        var carry = (request.CarryOver ?? []).Distinct().ToList();
        if (carry.Any(x => open.All(o => o.Id != x))) errors["carryOver"] = ["Only what is still open on this case is carried over."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (c.IsClosed) return new Refusal("The case is already closed.").Problem();
        var unsettled = open.Where(o => !carry.Contains(o.Id)).ToList();
        if (unsettled.Count > 0)
        {
            var refusal = new Refusal("Settle or carry over what is still open on the case: {0}.", unsettled.Select(o => o.Kind).Distinct().ToList());
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: Refusal.Title, detail: refusal.ToString(),
                extensions: new Dictionary<string, object?> { [Refusal.Extension] = refusal, ["open"] = unsettled });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Entry(c).Property(x => x.Version).OriginalValue = request.Version;
        c.Version = request.Version;
        c.Status = CaseStatus.Closed;
        db.CaseClosures().Add(new CaseClosure
        {
            CaseId = c.Id, OrganisationId = c.OrganisationId, Step = ClosureStep.Closed, Reason = request.Reason, Note = request.Note?.Trim() ?? "",
            CarriedOver = carry, At = now, By = user.UserId!.Value,
        });
        // Work on a closed case is over: its open tasks end with it (a reopening derives the due ones again).
        foreach (var task in await db.CaseTasks().Where(t => t.CaseId == c.Id && t.Status == CaseTaskStatus.Open).ToListAsync(ct))
            task.End(CaseTaskStatus.Cancelled, user.UserId!.Value, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return await Current(c.Id, db, audit, ct);
    }

    internal static async Task<Results<Ok<State>, ValidationProblem, ProblemHttpResult>> Current(Guid id, SigurDb db, Platform.Audit.Audit audit, CancellationToken ct) =>
        (await Get(id, db, audit, ct)).Result switch
        {
            Ok<State> ok => ok,
            ProblemHttpResult problem => problem,
            _ => throw new InvalidOperationException(),
        };
}
