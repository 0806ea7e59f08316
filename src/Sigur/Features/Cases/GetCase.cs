using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Cases;

/// <summary>Case detail with the person. A case outside the user's scope is simply not found (404, never 403).</summary>
public static class GetCase
{
    public const string Policy = Policies.CaseRead;

    public static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> Handle(Guid id, SigurDb db, Audit audit, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => new { Case = c, c.Person }).SingleOrDefaultAsync(ct);
        if (row?.Person is null) return Platform.Web.Problems.NotFound();
        // A referral recipient sees only the consented groups (SigurDb blanks the rest); the audit names what it saw.
        await audit.ReadAsync(nameof(Case), id, Disclosure.Shown(db, id, row.Case.OrganisationId, FieldGroups.Identity, FieldGroups.DateOfBirth,
            FieldGroups.Contact, FieldGroups.Documents, FieldGroups.Narrative, FieldGroups.Exploitation, FieldGroups.CaseAdministration));
        return TypedResults.Ok(CaseDetail.From(row.Case, row.Person, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }
}
