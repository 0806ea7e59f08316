using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.CaseFile;

/// <summary>The printouts (<see cref="Printouts"/>), from a page: in the interface language the reader chose, audited as exports.</summary>
[Authorize(Policy = Printouts.Policy)]
public sealed class PrintModel(SigurDb db, Platform.Audit.Audit audit, CurrentUser me, IStringLocalizer<SharedResource> L) : PageModel
{
    public async Task<IActionResult> OnGetSummaryAsync(Guid caseId, CancellationToken ct) =>
        await Printouts.SummaryAsync(caseId, db, audit, me, L, ct) is { } pdf ? File(pdf.Bytes, "application/pdf", pdf.Name) : NotFound();

    public async Task<IActionResult> OnGetConsentFormAsync(Guid caseId, CancellationToken ct) =>
        await Printouts.ConsentFormAsync(caseId, db, audit, me, L, ct) is { } pdf ? File(pdf.Bytes, "application/pdf", pdf.Name) : NotFound();
}
