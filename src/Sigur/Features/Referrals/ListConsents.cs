using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Referrals;

/// <summary>The consents and overrides of a case, newest first: for the holding organisation only.</summary>
public static class ListConsents
{
    public const string Policy = Policies.CaseRead;

    public static async Task<Results<Ok<List<ConsentView>>, ProblemHttpResult>> Handle(
        Guid id, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct)
    {
        if (!await db.Held<Case>().AnyAsync(c => c.Id == id, ct)) return Problems.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var consents = await db.Set<Consent>().AsNoTracking().Where(c => c.CaseId == id).OrderByDescending(c => c.RecordedAt).ToListAsync(ct);
        await audit.ListAsync(nameof(Consent), consents.Select(c => c.Id), FieldGroups.Identity, FieldGroups.Narrative);
        return TypedResults.Ok(consents.ConvertAll(c => ConsentView.From(c, now)));
    }
}
