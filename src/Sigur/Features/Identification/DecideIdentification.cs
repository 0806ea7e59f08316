using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using static Sigur.Features.Identification.IdentificationSupport;

namespace Sigur.Features.Identification;

/// <summary>
/// Records an identification decision: potential → presumed → identified, or not a victim, with the deciding body, the
/// date and the reasons. Illegal moves answer 409. The first decision stops the identification deadline; a decision
/// that the person is a presumed victim can open the recovery and reflection period at once.
/// </summary>
public static class DecideIdentification
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(
        IdentificationStatus To, DateOnly DecidedOn, DecidingBodyType DecidingBodyType, string Reasons,
        string? DecidingOrganisation = null, string? FormalAuthority = null, IdentificationStatus? ExpectedFrom = null,
        bool StartRecoveryPeriod = false);

    public sealed record Response(Guid Id, int Sequence, IdentificationStatus From, IdentificationStatus To, Guid? RecoveryPeriodId);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, CurrentUser user, TimeProvider clock, IdentificationRules rules, CancellationToken ct)
    {
        var c = await CaseAsync(db, caseId, ct);
        if (c is null) return NotFound();
        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == c.OrganisationId, ct);
        var today = Today(clock);
        var errors = CheckBasis(request.DecidedOn, request.DecidingBodyType, request.Reasons, request.DecidingOrganisation, request.FormalAuthority, today);
        if (!Enum.IsDefined(request.To)) errors["to"] = ["Unknown status."];
        if (request.To == IdentificationStatus.Identified && rules.FormalAuthority(org.Country) is not null && string.IsNullOrWhiteSpace(request.FormalAuthority))
            errors["formalAuthority"] = ["Formal identification in this country is by a designated authority: name the authority that decided."];
        if (request.StartRecoveryPeriod && request.To != IdentificationStatus.Presumed)
            errors["startRecoveryPeriod"] = ["The recovery period opens with a decision that the person is a presumed victim."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (request.ExpectedFrom is { } expected && expected != c.IdentificationStatus)
            return new Refusal("Someone decided on this case in between, so its status is not the one you saw. Reload the case.").Problem();

        var history = await db.IdentificationDecisions().Where(d => d.CaseId == c.Id).ToListAsync(ct);
        if (c.Decide(request.To, Basis(request.DecidedOn, request.DecidingBodyType, request.Reasons, request.DecidingOrganisation,
                request.FormalAuthority, org, user, clock), history, out var decision) is { } refusal)
            return refusal.Problem();
        db.IdentificationDecisions().Add(decision);

        if (decision.From == IdentificationStatus.Potential)
        {
            var deadline = await db.LegalClocks().Where(k => k.CaseId == c.Id && k.Type == ClockType.IdentificationDecision && k.State == ClockState.Running).ToListAsync(ct);
            foreach (var k in deadline) _ = k.Complete(request.DecidedOn, ""); // running: never refused
        }
        LegalClock? recovery = null;
        if (request.StartRecoveryPeriod)
        {
            if (await db.LegalClocks().AnyAsync(k => k.CaseId == c.Id && k.Type == ClockType.RecoveryPeriod && k.State == ClockState.Running, ct))
                return new Refusal("A recovery and reflection period is already running.").Problem();
            recovery = StartRecoveryPeriod.New(c, request.DecidedOn, rules.RecoveryDays(org.Country), user);
            db.LegalClocks().Add(recovery);
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Refusal("Another decision on this case was recorded at the same time. Reload the case.").Problem();
        }
        return TypedResults.Created($"/api/v1/cases/{c.Id}/identification",
            new Response(decision.Id, decision.Sequence, decision.From, decision.To, recovery?.Id));
    }

    internal static Dictionary<string, string[]> CheckBasis(DateOnly decidedOn, DecidingBodyType body, string? reasons, string? organisation, string? authority, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        CheckDay(errors, "decidedOn", decidedOn, today);
        if (!Enum.IsDefined(body)) errors["decidingBodyType"] = ["Unknown deciding body type."];
        CheckText(errors, "reasons", reasons, TextMax, required: true);
        CheckText(errors, "decidingOrganisation", organisation, NameMax);
        CheckText(errors, "formalAuthority", authority, NameMax);
        return errors;
    }

    /// <summary>The deciding organisation is the user's own unless another body is named (a court, the formal authority).</summary>
    internal static DecisionBasis Basis(DateOnly decidedOn, DecidingBodyType body, string reasons, string? organisation, string? authority,
        Organisation own, CurrentUser user, TimeProvider clock)
    {
        var named = organisation?.Trim();
        var isOwn = string.IsNullOrEmpty(named) || named == own.Name;
        return new DecisionBasis(LegalClock.Day(decidedOn), body, isOwn ? own.Name : named!, isOwn ? own.Id : null, authority?.Trim() ?? "",
            reasons.Trim(), user.UserId, clock.GetUtcNow().UtcDateTime);
    }
}
