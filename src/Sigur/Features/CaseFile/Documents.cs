using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform.Access;

namespace Sigur.Features.CaseFile;

/// <summary>
/// The one rule on top of SigurDb's filter (<see cref="IInDataGroup"/>) for documents: a child's documents never leave
/// the organisation that holds them — not through a referral, not through break-glass, not to the fund. Whether the
/// person is a child is asked at every read (a birth date can be corrected, an age assessed), not frozen at upload.
/// </summary>
public static class Documents
{
    public static async Task<List<DocumentView>> VisibleAsync(SigurDb db, IQueryable<CaseDocument> documents, Guid personId, CancellationToken ct)
    {
        var rows = await documents.AsNoTracking().OrderByDescending(d => d.UploadedAt).Select(DocumentView.Projection).ToListAsync(ct);
        var me = db.User.OrganisationId;
        if (rows.All(d => d.OrganisationId == me) || !await IsChildAsync(db, personId, ct)) return rows;
        return rows.Where(d => d.OrganisationId == me).ToList();
    }

    /// <summary>Whether the person is a child today, read past the filters (only the answer leaves this method).</summary>
    public static async Task<bool> IsChildAsync(SigurDb db, Guid personId, CancellationToken ct)
    {
        var p = await db.Persons.IgnoreQueryFilters().AsNoTracking().Where(x => x.Id == personId)
            .Select(x => new { x.DateOfBirth, x.EstimatedAge, x.PossiblyChild }).SingleOrDefaultAsync(ct);
        // No such person: nothing to show, so answer as for a child (the strictest).
        return p is null || new Person { DateOfBirth = p.DateOfBirth, EstimatedAge = p.EstimatedAge, PossiblyChild = p.PossiblyChild }.IsChild(db.Today);
    }
}

public sealed record DocumentView(Guid Id, Guid OrganisationId, Guid? CaseId, Guid PersonId, DocumentSubject Subject, Guid? SubjectId, DocumentKind Kind,
    DataGroup Group, string FileName, string ContentType, long Size, DateTime UploadedAt, string UploadedBy)
{
    public static readonly System.Linq.Expressions.Expression<Func<CaseDocument, DocumentView>> Projection = d =>
        new DocumentView(d.Id, d.OrganisationId, d.CaseId, d.PersonId, d.Subject, d.SubjectId, d.Kind, d.Group, d.FileName, d.ContentType, d.Size, d.UploadedAt, d.UploadedByName);

    private static readonly Func<CaseDocument, DocumentView> Compiled = Projection.Compile();

    public static DocumentView From(CaseDocument d) => Compiled(d);
}
