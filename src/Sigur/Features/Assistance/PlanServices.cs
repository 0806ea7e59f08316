using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Referrals;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Assistance;

/// <summary>
/// The services of a plan: one is planned (type, provider organisation, date) while the plan is open, and its
/// delivery recorded once (date, outcome, cost in minor units with its currency, if it cost anything).
/// </summary>
public static class PlanServices
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Planned(ServiceType Type, Guid ProviderOrganisationId, DateOnly PlannedOn);
    public sealed record Delivery(DateOnly DeliveredOn, string Outcome, long? CostMinor = null, string? Currency = null);

    public static async Task<Results<Created<PlannedServiceView>, ValidationProblem, ProblemHttpResult>> Plan(
        Guid id, Planned request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var plan = await db.Held<AssistancePlan>().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return Problems.NotFound();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.Type)) errors["type"] = ["A known type of service."];
        if (!await db.Organisations.AnyAsync(o => o.Id == request.ProviderOrganisationId && o.IsActive, ct)) errors["providerOrganisationId"] = ["An active organisation."];
        if (request.PlannedOn.Year < 2000 || request.PlannedOn > today.AddYears(2)) errors["plannedOn"] = ["A date from 2000 to two years ahead."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (plan.Status is PlanStatus.ClosureRequested or PlanStatus.Closed)
            return new Refusal("A plan that is closing or closed takes no new services.").Problem();
        var service = new PlannedService
        {
            PlanId = plan.Id, CaseId = plan.CaseId, OrganisationId = plan.OrganisationId, Type = request.Type,
            ProviderOrganisationId = request.ProviderOrganisationId, PlannedOn = AssistancePlan.Day(request.PlannedOn),
        };
        db.Add(service);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{plan.CaseId}/assistance-plans", PlannedServiceView.From(service));
    }

    public static async Task<Results<Ok<PlannedServiceView>, ValidationProblem, ProblemHttpResult>> Deliver(
        Guid id, Guid serviceId, Delivery request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var service = await db.Held<PlannedService>().SingleOrDefaultAsync(s => s.Id == serviceId && s.PlanId == id, ct);
        if (service is null) return Problems.NotFound();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new Dictionary<string, string[]>();
        if (request.DeliveredOn.Year < 2000 || request.DeliveredOn > today) errors["deliveredOn"] = ["A date from 2000 to today."];
        if (string.IsNullOrWhiteSpace(request.Outcome) || request.Outcome.Length > 5000) errors["outcome"] = ["Required, at most 5000 characters."];
        if (request.CostMinor is < 0) errors["costMinor"] = ["Not negative."];
        if (request.CostMinor is not null && (request.Currency is null || !System.Text.RegularExpressions.Regex.IsMatch(request.Currency, "^[A-Z]{3}$")))
            errors["currency"] = ["A cost needs its ISO 4217 currency code (EUR, MKD, RSD, ALL)."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (service.DeliveredOn is not null)
            return new Refusal("The delivery was already recorded.").Problem();
        if (await db.AssistancePlans().AnyAsync(p => p.Id == id && p.Status == PlanStatus.Closed, ct))
            return new Refusal("The plan is closed.").Problem();
        service.DeliveredOn = AssistancePlan.Day(request.DeliveredOn);
        service.Outcome = request.Outcome.Trim();
        service.CostMinor = request.CostMinor;
        service.Currency = request.CostMinor is null ? null : request.Currency;
        // Only the first recording lands: a parallel one updates no row and answers 409 (rolled back with the rest).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var written = await db.Set<PlannedService>().Where(s => s.Id == serviceId && s.DeliveredOn == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeliveredOn, service.DeliveredOn), ct);
        if (written == 0)
            return new Refusal("The delivery was already recorded.").Problem();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(PlannedServiceView.From(service));
    }
}
