using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.CaseFile;

/// <summary>
/// Records someone around a person: another person the organisation holds (a co-victim of the same case or
/// operation, a family member, a dependant) or someone named here (a child's guardian, often not in the registry).
/// A guardian is recorded only for a child. Both persons must be the holding organisation's.
/// </summary>
public static class RelatePersons
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(RelationKind Kind, Guid? RelatedPersonId = null, string? Name = null, string? Contact = null);

    public static async Task<Results<Created<GetPerson.Relation>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var person = await db.Held<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.MergedIntoId == null, ct);
        if (person is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        string? relatedName = null;
        if (!Enum.IsDefined(request.Kind)) errors["kind"] = ["Choose how they are related."];
        else if (request.Kind == RelationKind.Guardian && !person.IsChild(db.Today)) errors["kind"] = ["A guardian is recorded for a child."];
        if (request.RelatedPersonId is { } other)
        {
            if (other == id) errors["relatedPersonId"] = ["A person is not related to themselves."];
            else if ((relatedName = (await db.Held<Person>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == other && p.MergedIntoId == null, ct))?.FullName) is null)
                errors["relatedPersonId"] = ["Choose a person your organisation holds."];
            else if (await db.Set<PersonRelation>().AnyAsync(r => r.PersonId == id && r.RelatedPersonId == other && r.Kind == request.Kind, ct))
                errors["relatedPersonId"] = ["This link is already recorded."];
        }
        else if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > CaseValidation.NameMax)
            errors["name"] = ["Name them (at most 200 characters), or choose a person of the registry."];
        if ((request.Contact?.Length ?? 0) > 500) errors["contact"] = ["At most 500 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var relation = new PersonRelation
        {
            OrganisationId = person.OrganisationId, PersonId = id, RelatedPersonId = request.RelatedPersonId, Kind = request.Kind,
            Name = request.RelatedPersonId is null ? request.Name!.Trim() : "", Contact = request.Contact?.Trim() ?? "",
            RecordedAt = clock.GetUtcNow().UtcDateTime, RecordedBy = user.UserId!.Value,
        };
        db.Add(relation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/persons/{id}", new GetPerson.Relation(relation.Id, relation.Kind, false, relation.RelatedPersonId,
            relatedName ?? relation.Name, relation.Contact));
    }
}
