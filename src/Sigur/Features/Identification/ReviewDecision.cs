using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using static Sigur.Features.Identification.IdentificationSupport;

namespace Sigur.Features.Identification;

/// <summary>
/// A review or an appeal of the decision that set the current status: upheld, the status stays; reversed, it returns
/// to what it was before that decision. Both are kept in the history with their own body, date and reasons.
/// </summary>
public static class ReviewDecision
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(
        DecisionKind Kind, ReviewOutcome Outcome, DateOnly DecidedOn, DecidingBodyType DecidingBodyType, string Reasons,
        string? DecidingOrganisation = null, string? FormalAuthority = null);

    public sealed record Response(Guid Id, int Sequence, IdentificationStatus From, IdentificationStatus To);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Guid decisionId, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var c = await CaseAsync(db, caseId, ct);
        if (c is null) return NotFound();
        var history = await db.IdentificationDecisions().Where(d => d.CaseId == c.Id).ToListAsync(ct);
        var reviewed = history.SingleOrDefault(d => d.Id == decisionId);
        if (reviewed is null) return NotFound();
        var errors = DecideIdentification.CheckBasis(request.DecidedOn, request.DecidingBodyType, request.Reasons, request.DecidingOrganisation,
            request.FormalAuthority, Today(clock));
        if (!Enum.IsDefined(request.Kind) || request.Kind == DecisionKind.Decision) errors["kind"] = ["Review or Appeal."];
        if (!Enum.IsDefined(request.Outcome)) errors["outcome"] = ["Upheld or Reversed."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == c.OrganisationId, ct);
        if (c.Review(reviewed, request.Kind, request.Outcome, DecideIdentification.Basis(request.DecidedOn, request.DecidingBodyType,
                request.Reasons, request.DecidingOrganisation, request.FormalAuthority, org, user, clock), history, out var review) is { } refusal)
            return refusal.Problem();
        db.IdentificationDecisions().Add(review);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Refusal("Another decision on this case was recorded at the same time. Reload the case.").Problem();
        }
        return TypedResults.Created($"/api/v1/cases/{c.Id}/identification", new Response(review.Id, review.Sequence, review.From, review.To));
    }
}
