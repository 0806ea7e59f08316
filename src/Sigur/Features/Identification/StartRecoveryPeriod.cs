using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using static Sigur.Features.Identification.IdentificationSupport;

namespace Sigur.Features.Identification;

/// <summary>
/// Opens the recovery and reflection period (CETS 197 art. 13): at least 30 days, the country's length by default.
/// <see cref="LegalClock.DueOn"/> is its last day. One runs at a time per case; it is lengthened by an extension.
/// </summary>
public static class StartRecoveryPeriod
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(DateOnly StartsOn, int? Days = null, string? Notes = null);

    public sealed record Response(Guid Id, DateOnly StartsOn, DateOnly LastDay);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, CurrentUser user, TimeProvider clock, IdentificationRules rules, CancellationToken ct)
    {
        var c = await CaseAsync(db, caseId, ct);
        if (c is null) return NotFound();
        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == c.OrganisationId, ct);
        var errors = new Dictionary<string, string[]>();
        CheckDay(errors, "startsOn", request.StartsOn, Today(clock).AddDays(30), allowFuture: false);
        if (request.StartsOn < DateOnly.FromDateTime(c.IntakeDate)) errors["startsOn"] = ["The period cannot start before the intake."];
        if (request.Days is < IdentificationRules.MinimumRecoveryDays or > 366)
            errors["days"] = [$"At least {IdentificationRules.MinimumRecoveryDays} days (CETS 197 art. 13), at most a year."];
        CheckText(errors, "notes", request.Notes, TextMax);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (await db.LegalClocks().AnyAsync(k => k.CaseId == c.Id && k.Type == ClockType.RecoveryPeriod && k.State == ClockState.Running, ct))
            return new Refusal("A recovery and reflection period is already running; extend it instead.").Problem();

        var period = New(c, request.StartsOn, request.Days ?? rules.RecoveryDays(org.Country), user);
        period.Notes = request.Notes ?? "";
        db.LegalClocks().Add(period);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return new Refusal("A recovery and reflection period is already running; extend it instead.").Problem(); // a parallel request won the race: the unique index kept one
        }
        return TypedResults.Created($"/api/v1/cases/{c.Id}/identification", new Response(period.Id, request.StartsOn, LegalClock.DayOf(period.DueOn)));
    }

    internal static LegalClock New(Case c, DateOnly startsOn, int days, CurrentUser user)
    {
        var lastDay = LegalClock.Day(startsOn.AddDays(days - 1));
        return new LegalClock
        {
            CaseId = c.Id, OrganisationId = c.OrganisationId, Type = ClockType.RecoveryPeriod, StartsOn = LegalClock.Day(startsOn),
            DueOn = lastDay, OriginalDueOn = lastDay, ResponsibleUserId = user.UserId,
        };
    }
}
