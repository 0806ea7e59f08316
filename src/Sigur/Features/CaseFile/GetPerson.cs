using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.CaseFile;

/// <summary>
/// The person across cases: the person (as much of them as the reader may see), every case of theirs within the
/// reader's scope, oldest first, their aliases, their documents (the person's own and their cases'), and the people
/// around them — family members, dependants, co-victims, a child's guardian — in both directions.
/// </summary>
public static class GetPerson
{
    public const string Policy = Policies.CaseRead;

    public sealed record PersonCase(Guid Id, string Reference, DateOnly IntakeDate, CaseStatus Status, IdentificationStatus IdentificationStatus, bool Held);

    /// <summary>
    /// One link: <paramref name="Inverse"/> when the other person recorded this one (this person is their
    /// <paramref name="Kind"/>). <paramref name="OtherPersonId"/> is set when the other is in the registry and visible.
    /// </summary>
    public sealed record Relation(Guid Id, RelationKind Kind, bool Inverse, Guid? OtherPersonId, string Name, string Contact);

    public sealed record Response(PersonDetail Person, bool Held, IReadOnlyList<PersonCase> Cases, IReadOnlyList<DocumentView> Documents, IReadOnlyList<Relation> Relations);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(Guid id, SigurDb db, Audit audit, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Problems.NotFound();
        var me = db.User.OrganisationId;
        var cases = await db.Cases.AsNoTracking().Where(c => c.PersonId == id).OrderBy(c => c.IntakeDate).ThenBy(c => c.Reference)
            .Select(c => new PersonCase(c.Id, c.Reference, DateOnly.FromDateTime(c.IntakeDate), c.Status, c.IdentificationStatus, c.OrganisationId == me)).ToListAsync(ct);
        var documents = await Documents.VisibleAsync(db, db.Set<CaseDocument>().Where(d => d.PersonId == id), id, ct);
        var links = await db.Set<PersonRelation>().AsNoTracking().Where(r => r.PersonId == id || r.RelatedPersonId == id).OrderBy(r => r.RecordedAt).ToListAsync(ct);
        var otherIds = links.Select(r => r.PersonId == id ? r.RelatedPersonId : r.PersonId).OfType<Guid>().Distinct().ToList();
        var others = await db.Persons.AsNoTracking().Where(p => otherIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.FullName, ct);
        var relations = links.ConvertAll(r =>
        {
            var inverse = r.PersonId != id;
            var other = inverse ? r.PersonId : r.RelatedPersonId;
            var visible = other is { } o && others.ContainsKey(o);
            return new Relation(r.Id, r.Kind, inverse, visible ? other : null, visible ? others[other!.Value] : inverse ? "" : r.Name, inverse ? "" : r.Contact);
        });
        string[] shown = [FieldGroups.Identity, FieldGroups.DateOfBirth, FieldGroups.Contact, FieldGroups.Documents];
        if (person.OrganisationId != me && db.Scope.GroupsForPerson(id) is { } allowed)
            shown = [.. shown.Where(g => Disclosure.GroupOf(g) is not { } group || allowed.Contains(group))];
        await audit.ReadAsync(nameof(Person), id, shown);
        return TypedResults.Ok(new Response(PersonDetail.From(person, db.Today), person.OrganisationId == me, cases, documents, relations));
    }
}
