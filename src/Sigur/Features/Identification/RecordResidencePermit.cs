using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using static Sigur.Features.Identification.IdentificationSupport;

namespace Sigur.Features.Identification;

/// <summary>
/// Records a temporary residence permit of a foreign victim (CETS 197 art. 14): its type, issue date and expiry, which
/// must lie 3 to 12 months after issue (Serbia's 2004 instruction: 3 to 6 months, up to a year). The permit's clock
/// reminds a month before expiry, so that the renewal is requested in time.
/// </summary>
public static class RecordResidencePermit
{
    public const string Policy = Policies.CaseWrite;

    public const int MinMonths = 3;
    public const int MaxMonths = 12;

    public sealed record Request(ResidencePermitType PermitType, DateOnly IssuedOn, DateOnly ValidUntil, string? Notes = null);

    public sealed record Response(Guid Id, DateOnly ValidUntil);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var c = await CaseAsync(db, caseId, ct);
        if (c?.Person is null) return NotFound();
        var org = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == c.OrganisationId, ct);
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.PermitType)) errors["permitType"] = ["Unknown permit type."];
        CheckDay(errors, "issuedOn", request.IssuedOn, Today(clock));
        CheckValidity(errors, "validUntil", request.IssuedOn, request.ValidUntil);
        CheckText(errors, "notes", request.Notes, TextMax);
        if (c.Person.Citizenships.Contains(org.Country, StringComparer.OrdinalIgnoreCase))
            errors["permitType"] = ["A temporary residence permit is for foreign victims; the person is a citizen of this country."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var permit = new LegalClock
        {
            CaseId = c.Id, OrganisationId = c.OrganisationId, Type = ClockType.ResidencePermit, PermitType = request.PermitType,
            StartsOn = LegalClock.Day(request.IssuedOn), DueOn = LegalClock.Day(request.ValidUntil), OriginalDueOn = LegalClock.Day(request.ValidUntil),
            ResponsibleUserId = user.UserId, Notes = request.Notes ?? "",
        };
        db.LegalClocks().Add(permit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{c.Id}/identification", new Response(permit.Id, request.ValidUntil));
    }

    internal static void CheckValidity(Dictionary<string, string[]> errors, string field, DateOnly from, DateOnly until)
    {
        if (until < from.AddMonths(MinMonths) || until > from.AddMonths(MaxMonths))
            errors[field] = [$"A temporary residence permit runs {MinMonths} to {MaxMonths} months."];
    }
}
