using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;

namespace Sigur.Features.CaseFile;

/// <summary>
/// A case's journal: the timeline of everything that happened to it (<see cref="CaseTimeline"/>, filterable by kind),
/// its documents (<see cref="ListDocuments"/>), and for the holding organisation the forms to write a note
/// (<see cref="WriteNote"/>) and attach a document (<see cref="UploadDocument"/>).
/// </summary>
[Authorize(Policy = Policies.CaseRead)]
[RequestSizeLimit(FileTypes.MaxRequestBytes)]
public sealed class JournalModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public CaseTimeline.Response Timeline { get; private set; } = null!;
    public List<DocumentView> Documents { get; private set; } = [];
    /// <summary>Whether the user's organisation holds the case (only it writes notes and attaches documents).</summary>
    public bool Held { get; private set; }
    public Guid PersonId { get; private set; }

    [BindProperty(SupportsGet = true, Name = "kind")] public TimelineKind[] Kinds { get; set; } = [];
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public DataGroup NoteGroup { get; set; } = DataGroup.Exploitation;
    [BindProperty] public DocumentKind DocumentKind { get; set; } = DocumentKind.Other;
    [BindProperty] public DataGroup DocumentGroup { get; set; } = DataGroup.Identity;
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid caseId, CancellationToken ct) => await LoadAsync(caseId, ct) ? Page() : NotFound();

    [Policy(WriteNote.Policy)]
    public async Task<IActionResult> OnPostNoteAsync(Guid caseId, CancellationToken ct)
    {
        var result = await WriteNote.Handle(caseId, new WriteNote.Request(Text ?? "", NoteGroup), db, me, clock, ct);
        return await this.AnswerAsync(result, L, L["The note was saved."], () => RedirectToPage("Journal", new { caseId }), Again(caseId, ct),
            new() { Fields = [nameof(Text)] });
    }

    [Policy(UploadDocument.CasePolicy)]
    public async Task<IActionResult> OnPostUploadAsync(Guid caseId, CancellationToken ct)
    {
        var request = new UploadDocument.Request(DocumentSubject.Case, caseId, DocumentKind, DocumentGroup, Upload?.FileName ?? "", await UploadDocument.ReadAsync(Upload, ct));
        var result = await UploadDocument.Handle(request, db, me, clock, ct);
        return await this.AnswerAsync(result, L, L["The document was attached."], () => RedirectToPage("Journal", new { caseId }), Again(caseId, ct),
            new() { Fields = [nameof(Upload)] });
    }

    private Func<Task<IActionResult>> Again(Guid caseId, CancellationToken ct) => async () => await LoadAsync(caseId, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid caseId, CancellationToken ct)
    {
        if ((await CaseTimeline.Handle(caseId, Kinds, db, audit, ct)).Result is not Ok<CaseTimeline.Response> { Value: { } timeline }) return false;
        Timeline = timeline;
        if ((await ListDocuments.Handle(caseId, db, audit, ct)).Result is Ok<List<DocumentView>> { Value: { } documents }) Documents = documents;
        var c = await db.Cases.Where(x => x.Id == caseId).Select(x => new { x.OrganisationId, x.PersonId }).SingleAsync(ct);
        Held = c.OrganisationId == me.OrganisationId;
        PersonId = c.PersonId;
        return true;
    }
}
