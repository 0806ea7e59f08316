using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Fund;
using Sigur.Features.Justice;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.CaseFile;

/// <summary>
/// Attaches a file to a person or a case (the holding organisation), a disbursement (its receipt: the requester or the
/// fund) or a proceeding (the organisation that holds it). The file must be at most <see cref="FileTypes.MaxBytes"/>
/// and a PDF or a picture by its content; it is stored encrypted, in the same transaction as its row and the audit.
/// </summary>
public static class UploadDocument
{
    public const string CasePolicy = Policies.CaseWrite;
    public const string ReceiptPolicy = Policies.FundRequest;
    public const string ProceedingPolicy = Policies.Justice;

    public sealed record Request(DocumentSubject Subject, Guid SubjectId, DocumentKind Kind, DataGroup Group, string FileName, byte[] Content);

    public static async Task<Results<Created<DocumentView>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var me = user.OrganisationId ?? Guid.Empty;
        // Where the document goes, and who holds it: only through a record the user's organisation holds (404 otherwise).
        (Guid Holder, Guid? Shared, Guid? CaseId, Guid PersonId)? target = request.Subject switch
        {
            DocumentSubject.Person => await db.Held<Person>().Where(p => p.Id == request.SubjectId && p.MergedIntoId == null)
                .Select(p => new { p.OrganisationId, p.Id }).SingleOrDefaultAsync(ct) is { } p ? (p.OrganisationId, null, null, p.Id) : null,
            DocumentSubject.Case => await db.Held<Case>().Where(c => c.Id == request.SubjectId)
                .Select(c => new { c.OrganisationId, c.Id, c.PersonId }).SingleOrDefaultAsync(ct) is { } c ? (c.OrganisationId, null, c.Id, c.PersonId) : null,
            DocumentSubject.Disbursement => await db.Set<Disbursement>().Where(d => d.Id == request.SubjectId)
                .Select(d => new { d.OrganisationId, d.FundOrganisationId, d.CaseId }).SingleOrDefaultAsync(ct) is { } d
                // The fund may not see the case: its person is read past the filters, as an id only.
                ? (me, d.OrganisationId == me ? d.FundOrganisationId : d.OrganisationId, d.CaseId,
                    await db.Cases.IgnoreQueryFilters().Where(c => c.Id == d.CaseId).Select(c => c.PersonId).SingleAsync(ct))
                : null,
            DocumentSubject.Proceeding => await db.Held<Proceeding>().Where(x => x.Id == request.SubjectId)
                .Select(x => new { x.OrganisationId, x.CaseId }).SingleOrDefaultAsync(ct) is { } x
                ? (x.OrganisationId, null, x.CaseId, await db.Cases.IgnoreQueryFilters().Where(c => c.Id == x.CaseId).Select(c => c.PersonId).SingleAsync(ct))
                : null,
            _ => null,
        };
        if (target is not { } t) return Problems.NotFound();

        var errors = new Dictionary<string, string[]>();
        string? type = null;
        if (request.Content.Length == 0) errors["file"] = ["Choose a file."];
        else if (request.Content.Length > FileTypes.MaxBytes) errors["file"] = ["The file is larger than 5 MB."];
        else if ((type = FileTypes.Sniff(request.Content)) is null) errors["file"] = ["Only PDF files and pictures (JPEG, PNG, TIFF) are kept."];
        if (!Enum.IsDefined(request.Kind)) errors["kind"] = ["Choose what the document is."];
        if (!Enum.IsDefined(request.Group)) errors["group"] = ["Choose the group of data the document belongs to."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var document = new CaseDocument
        {
            OrganisationId = t.Holder, SharedWithOrganisationId = t.Shared, CaseId = t.CaseId, PersonId = t.PersonId,
            Subject = request.Subject, SubjectId = request.Subject is DocumentSubject.Disbursement or DocumentSubject.Proceeding ? request.SubjectId : null,
            Kind = request.Kind, Group = request.Group, FileName = Path.GetFileName(request.FileName ?? "").Trim() is { Length: > 0 and <= 200 } name ? name : "document",
            ContentType = type!, Size = request.Content.Length, UploadedAt = clock.GetUtcNow().UtcDateTime, UploadedBy = user.UserId!.Value,
            UploadedByName = await CaseFileLookups.NameOfAsync(db, user, ct),
        };
        db.Add(document);
        db.Add(new DocumentContent { Id = document.Id, Bytes = request.Content });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/documents/{document.Id}/content", DocumentView.From(document));
    }

    /// <summary>An uploaded file's bytes, at most one beyond the limit (enough for validation to refuse it, never more in memory).</summary>
    public static async Task<byte[]> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return [];
        await using var stream = file.OpenReadStream();
        var buffer = new byte[Math.Min(file.Length, FileTypes.MaxBytes + 1)];
        var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, ct);
        return read == buffer.Length ? buffer : buffer[..read];
    }
}
