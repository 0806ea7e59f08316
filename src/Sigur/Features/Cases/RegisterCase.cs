using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Identification;
using Sigur.Platform;

namespace Sigur.Features.Cases;

/// <summary>
/// Intake: registers a case for a new person, or for a person the organisation already knows (a person can have
/// several cases over time). The case belongs to the registering user's organisation.
/// </summary>
public static class RegisterCase
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(CaseInput Case, PersonInput? Person = null, Guid? ExistingPersonId = null);

    public sealed record Response(Guid Id, string Reference, Guid PersonId);

    /// <remarks>
    /// Starts the deadline for the first identification decision (<see cref="IdentificationDeadline"/>); without
    /// <paramref name="rules"/> the default length applies. Joins the caller's transaction when there is one (a hotline
    /// conversion registers the case and links its contacts in one).
    /// </remarks>
    public static async Task<Results<Created<Response>, ValidationProblem>> Handle(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct, IdentificationRules? rules = null,
        Statistics.StatisticsSettings? statistics = null)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = CaseValidation.Check(request.Person, request.Case, today, (statistics ?? new()).ReportingCountry);
        if (request.Case is null) errors["case"] = ["The case is required."];
        if (request.Case is { Status: CaseStatus.Closed or CaseStatus.ClosedReferred }) errors["case.status"] = [CloseCase.ByClosureOnly];
        if (request.Case is { IdentificationStatus: not IdentificationStatus.Potential })
            errors["case.identificationStatus"] = ["A case starts as a potential victim's; the status changes only by an identification decision."];
        if ((request.Person is null) == (request.ExistingPersonId is null))
            errors["person"] = ["Give either a new person or the id of an existing person."];
        Person? person = null;
        if (request.ExistingPersonId is { } existingId)
        {
            // The query filter makes another organisation's person indistinguishable from a missing one.
            person = await db.Persons.SingleOrDefaultAsync(p => p.Id == existingId, ct);
            if (person is null) errors["existingPersonId"] = ["No such person in your organisation."];
        }
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var organisationId = user.OrganisationId!.Value;
        if (person is null)
        {
            person = new Person { OrganisationId = organisationId, CreatedAt = now };
            CaseValidation.Apply(request.Person!, person);
            db.Persons.Add(person);
            await NameIndex.RefreshAsync(db, person, ct);
        }

        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var c = new Case
        {
            Reference = await CaseReferences.NextAsync(db, now.Year, ct),
            OrganisationId = organisationId,
            PersonId = person.Id,
            RegisteredAt = now,
            ResponsibleUserId = user.UserId, // who registers answers for the case until a supervisor hands it on
        };
        CaseValidation.Apply(request.Case!, c);
        db.Cases.Add(c);
        NameIndex.AddCase(db, c, person);
        var country = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Country).SingleAsync(ct);
        IdentificationDeadline.Start(db, c, country, rules ?? new IdentificationRules(), user.UserId);
        await db.SaveChangesAsync(ct);
        if (tx is not null) await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{c.Id}", new Response(c.Id, c.Reference, person.Id));
    }
}
