using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Web;
using static Sigur.Features.Reintegration.ReintegrationSupport;

namespace Sigur.Features.Reintegration;

/// <summary>
/// Reintegration follow-up: started on a case (one open at a time), a contact recorded every so often, closed once
/// with an outcome. Closing carries the version read (409 when someone changed it in between).
/// </summary>
public static class FollowReintegration
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Start(DateOnly StartedOn);
    public sealed record Contact(DateOnly ContactOn, Situation Housing, Situation Work, Situation Education, Situation Health, RiskLevel Risk, string? Note);
    public sealed record Closure(long Version, DateOnly ClosedOn, ReintegrationOutcome Outcome, string? Note);

    public static async Task<Results<Created<FollowUpView>, ValidationProblem, ProblemHttpResult>> Begin(
        Guid caseId, Start request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Held<Case>().AnyAsync(c => c.Id == caseId, ct)) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        CheckPast(errors, "startedOn", request.StartedOn, Today(clock));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.Set<ReintegrationFollowUp>().AnyAsync(f => f.CaseId == caseId && f.ClosedOn == null, ct))
            return new Refusal("The case already has an open reintegration follow-up.").Problem();
        var f = new ReintegrationFollowUp { CaseId = caseId, OrganisationId = user.OrganisationId!.Value, StartedOn = Day(request.StartedOn), StartedBy = user.UserId!.Value };
        db.Add(f);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Refusal("The case already has an open reintegration follow-up.").Problem(); // a parallel request won the race: the unique index kept one
        }
        return TypedResults.Created($"/api/v1/cases/{caseId}/reintegration", new FollowUpView(f.Id, request.StartedOn, null, null, "", [], f.Version));
    }

    public static async Task<Results<Created<ContactView>, ValidationProblem, ProblemHttpResult>> RecordContact(
        Guid id, Contact request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var f = await db.Held<ReintegrationFollowUp>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (f is null) return Problems.NotFound();
        var errors = CheckContact(request, Today(clock));
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (f.ClosedOn is not null) return new Refusal("The follow-up is closed.").Problem();
        return await AddContact(db, user, f.Id, f.CaseId, request, ct);
    }

    public static async Task<Results<Ok<FollowUpView>, ValidationProblem, ProblemHttpResult>> Close(
        Guid id, Closure request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var f = await db.Held<ReintegrationFollowUp>().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (f is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        CheckPast(errors, "closedOn", request.ClosedOn, Today(clock));
        if (!Enum.IsDefined(request.Outcome)) errors["outcome"] = ["A known outcome."];
        CheckText(errors, "note", request.Note);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        db.Entry(f).Property(x => x.Version).OriginalValue = request.Version;
        f.Version = request.Version;
        if (f.Close(request.ClosedOn, request.Outcome, request.Note?.Trim() ?? "") is { } refusal) return refusal.Problem();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(new FollowUpView(f.Id, DateOnly.FromDateTime(f.StartedOn), request.ClosedOn, f.Outcome, f.ClosureNote, [], f.Version));
    }

    internal static Dictionary<string, string[]> CheckContact(Contact c, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        CheckPast(errors, "contactOn", c.ContactOn, today);
        foreach (var (field, value) in new[] { ("housing", c.Housing), ("work", c.Work), ("education", c.Education), ("health", c.Health) })
            if (!Enum.IsDefined(value)) errors[field] = ["A known situation."];
        if (!Enum.IsDefined(c.Risk)) errors["risk"] = ["A known risk level."];
        CheckText(errors, "note", c.Note);
        return errors;
    }

    internal static async Task<Results<Created<ContactView>, ValidationProblem, ProblemHttpResult>> AddContact(
        SigurDb db, CurrentUser user, Guid subjectId, Guid caseId, Contact c, CancellationToken ct)
    {
        var contact = new FollowUpContact
        {
            SubjectId = subjectId, CaseId = caseId, OrganisationId = user.OrganisationId!.Value, ContactOn = Day(c.ContactOn), Housing = c.Housing, Work = c.Work,
            Education = c.Education, Health = c.Health, Risk = c.Risk, Note = c.Note?.Trim() ?? "", RecordedBy = user.UserId!.Value,
        };
        db.Add(contact);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{caseId}/reintegration", ContactView.From(contact));
    }
}
