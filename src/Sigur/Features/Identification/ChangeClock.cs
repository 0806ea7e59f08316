using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using static Sigur.Features.Identification.IdentificationSupport;

namespace Sigur.Features.Identification;

/// <summary>
/// What happens to a running clock: a recovery period is extended, a permit's renewal requested and decided, any clock
/// completed. Each request carries the version the client read (409 when someone changed the clock in between); the
/// rules are <see cref="LegalClock"/>'s methods, which refuse what does not apply (409).
/// </summary>
public static class ChangeClock
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Extension(long Version, DateOnly NewDueOn, string Reason);
    public sealed record RenewalRequest(long Version, DateOnly RequestedOn);
    public sealed record RenewalDecision(long Version, DateOnly DecidedOn, bool Granted, DateOnly? ValidUntil = null);
    public sealed record Completion(long Version, DateOnly On, string? Note = null);

    public sealed record Response(Guid Id, long Version, ClockState State, DateOnly DueOn);

    public static Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Extend(Guid id, Extension request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckText(errors, "reason", request.Reason, TextMax, required: true);
        if (request.NewDueOn > Today(clock).AddYears(2)) errors["newDueOn"] = ["At most two years ahead."];
        return Apply(id, request.Version, errors, k => k.Extend(request.NewDueOn, request.Reason.Trim()), db, ct);
    }

    public static Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> RequestRenewal(Guid id, RenewalRequest request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckDay(errors, "requestedOn", request.RequestedOn, Today(clock));
        return Apply(id, request.Version, errors, k => k.RequestRenewal(request.RequestedOn), db, ct);
    }

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> DecideRenewal(Guid id, RenewalDecision request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckDay(errors, "decidedOn", request.DecidedOn, Today(clock));
        if (request.Granted)
        {
            var current = await db.LegalClocks().Where(k => k.Id == id).Select(k => (DateTime?)k.DueOn).SingleOrDefaultAsync(ct);
            if (request.ValidUntil is not { } until) errors["validUntil"] = ["A granted renewal needs the new expiry."];
            else if (current is { } due)
            {
                // The renewed permit runs 3 to 12 months from when the old one ends (or from the decision, if later).
                var from = LegalClock.DayOf(due) > request.DecidedOn ? LegalClock.DayOf(due) : request.DecidedOn;
                RecordResidencePermit.CheckValidity(errors, "validUntil", from, until);
            }
        }
        return await Apply(id, request.Version, errors, k => k.DecideRenewal(request.DecidedOn, request.Granted, request.ValidUntil), db, ct);
    }

    public static Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Complete(Guid id, Completion request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        CheckDay(errors, "on", request.On, Today(clock));
        CheckText(errors, "note", request.Note, TextMax);
        return Apply(id, request.Version, errors, k => k.Complete(request.On, request.Note?.Trim() ?? ""), db, ct);
    }

    private static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Apply(
        Guid id, long version, Dictionary<string, string[]> errors, Func<LegalClock, Refusal?> change, SigurDb db, CancellationToken ct)
    {
        var k = await db.LegalClocks().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (k is null) return NotFound();
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        db.Entry(k).Property(x => x.Version).OriginalValue = version;
        k.Version = version;
        if (change(k) is { } refusal) return refusal.Problem();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Platform.Web.Problems.Conflict();
        }
        return TypedResults.Ok(new Response(k.Id, k.Version, k.State, LegalClock.DayOf(k.DueOn)));
    }
}
