using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.CaseFile;

/// <summary>A document's file, downloaded from a page (<see cref="DownloadDocument"/>: audited, never a child's outside the holding organisation).</summary>
[Authorize(Policy = DownloadDocument.Policy)]
public sealed class DocumentModel(SigurDb db, Platform.Audit.Audit audit) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await DownloadDocument.FindAsync(id, db, audit, ct) is { } file ? File(file.Bytes, file.ContentType, file.Name) : NotFound();
}
