using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.CaseFile;

/// <summary>
/// A document's file, for a reader who may see the document (SigurDb's filter, and never a child's outside the
/// holding organisation). Every download is audited as an export: the file leaves Sigur. It is named by its kind and
/// date and its sniffed type, never by the name it was uploaded with (which often names the person).
/// </summary>
public static class DownloadDocument
{
    public const string Policy = Policies.CaseRead;

    public sealed record File(byte[] Bytes, string ContentType, string Name);

    public static async Task<File?> FindAsync(Guid id, SigurDb db, Audit audit, CancellationToken ct)
    {
        var document = await db.Set<CaseDocument>().AsNoTracking().Where(d => d.Id == id)
            .Select(d => new { d.Id, d.OrganisationId, d.PersonId, d.Kind, d.ContentType, d.UploadedAt }).SingleOrDefaultAsync(ct);
        if (document is null) return null;
        if (document.OrganisationId != db.User.OrganisationId && await Documents.IsChildAsync(db, document.PersonId, ct)) return null;
        var bytes = await db.Set<DocumentContent>().AsNoTracking().Where(c => c.Id == id).Select(c => c.Bytes).SingleAsync(ct);
        await audit.EventAsync(AuditAction.Export, nameof(CaseDocument), id.ToString(), reason: "download");
        return new File(bytes, document.ContentType, $"{document.Kind}-{document.UploadedAt:yyyy-MM-dd}{FileTypes.ExtensionOf(document.ContentType)}");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(Guid id, SigurDb db, Audit audit, CancellationToken ct) =>
        await FindAsync(id, db, audit, ct) is { } file ? TypedResults.File(file.Bytes, file.ContentType, file.Name) : Problems.NotFound();
}
