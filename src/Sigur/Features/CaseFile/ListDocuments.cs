using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.CaseFile;

/// <summary>The documents of a case (its own, its receipts', its proceedings'), newest first, as far as the reader may see them.</summary>
public static class ListDocuments
{
    public const string Policy = Policies.CaseRead;

    public static async Task<Results<Ok<List<DocumentView>>, ProblemHttpResult>> Handle(Guid id, SigurDb db, Audit audit, CancellationToken ct)
    {
        var personId = await db.Cases.AsNoTracking().Where(c => c.Id == id).Select(c => (Guid?)c.PersonId).SingleOrDefaultAsync(ct);
        if (personId is null) return Problems.NotFound();
        var documents = await Documents.VisibleAsync(db, db.Set<CaseDocument>().Where(d => d.CaseId == id), personId.Value, ct);
        await audit.ListAsync(nameof(CaseDocument), documents.Select(d => d.Id), FieldGroups.Documents);
        return TypedResults.Ok(documents);
    }

    public const string ReceiptsPolicy = Policies.FundRead;

    /// <summary>A disbursement's receipts, for its requester and its fund (who may not see the case itself).</summary>
    public static async Task<Results<Ok<List<DocumentView>>, ProblemHttpResult>> Receipts(Guid id, SigurDb db, Audit audit, CancellationToken ct)
    {
        var caseId = await db.Set<Fund.Disbursement>().AsNoTracking().Where(d => d.Id == id).Select(d => (Guid?)d.CaseId).SingleOrDefaultAsync(ct);
        if (caseId is null) return Problems.NotFound();
        var personId = await db.Cases.IgnoreQueryFilters().Where(c => c.Id == caseId).Select(c => c.PersonId).SingleAsync(ct);
        var documents = await Documents.VisibleAsync(db, db.Set<CaseDocument>().Where(d => d.Subject == DocumentSubject.Disbursement && d.SubjectId == id), personId, ct);
        await audit.ListAsync(nameof(CaseDocument), documents.Select(d => d.Id), FieldGroups.Documents);
        return TypedResults.Ok(documents);
    }
}
