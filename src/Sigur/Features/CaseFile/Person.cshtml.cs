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
/// The person page (<see cref="GetPerson"/>): their cases within the reader's scope, aliases, documents and the people
/// around them; for the holding organisation also the forms to link someone (<see cref="RelatePersons"/>) and to
/// attach a document to the person (<see cref="UploadDocument"/>).
/// </summary>
[Authorize(Policy = GetPerson.Policy)]
[RequestSizeLimit(FileTypes.MaxRequestBytes)]
public sealed class PersonModel(SigurDb db, CurrentUser me, Platform.Audit.Audit audit, TimeProvider clock, IStringLocalizer<SharedResource> L) : PageModel
{
    public GetPerson.Response View { get; private set; } = null!;

    [BindProperty] public RelationKind Kind { get; set; } = RelationKind.FamilyMember;
    [BindProperty] public string? RelatedReference { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public DocumentKind DocumentKind { get; set; } = DocumentKind.IdentityDocument;
    [BindProperty] public DataGroup DocumentGroup { get; set; } = DataGroup.Identity;
    [BindProperty] public IFormFile? Upload { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    [Policy(RelatePersons.Policy)]
    public async Task<IActionResult> OnPostRelateAsync(Guid id, CancellationToken ct)
    {
        // Another person of the registry is named by one of their case references: names never go into a form's search here.
        Guid? related = null;
        if (!string.IsNullOrWhiteSpace(RelatedReference))
        {
            related = await db.Held<Cases.Case>().Where(c => c.Reference == RelatedReference.Trim()).Select(c => (Guid?)c.PersonId).SingleOrDefaultAsync(ct);
            if (related is null)
            {
                ModelState.AddModelError(nameof(RelatedReference), L["No case of your organisation has this reference."]);
                return await LoadAsync(id, ct) ? Page() : NotFound();
            }
        }
        var result = await RelatePersons.Handle(id, new RelatePersons.Request(Kind, related, related is null ? Name : null, Contact), db, me, clock, ct);
        return await this.AnswerAsync(result, L, L["The link was saved."], () => RedirectToPage("Person", new { id }), Again(id, ct),
            new() { Fields = [nameof(Kind), nameof(Name), nameof(Contact)] });
    }

    [Policy(UploadDocument.CasePolicy)]
    public async Task<IActionResult> OnPostUploadAsync(Guid id, CancellationToken ct)
    {
        var request = new UploadDocument.Request(DocumentSubject.Person, id, DocumentKind, DocumentGroup, Upload?.FileName ?? "", await UploadDocument.ReadAsync(Upload, ct));
        var result = await UploadDocument.Handle(request, db, me, clock, ct);
        return await this.AnswerAsync(result, L, L["The document was attached."], () => RedirectToPage("Person", new { id }), Again(id, ct),
            new() { Fields = [nameof(Upload)] });
    }

    private Func<Task<IActionResult>> Again(Guid id, CancellationToken ct) => async () => await LoadAsync(id, ct) ? Page() : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if ((await GetPerson.Handle(id, db, audit, ct)).Result is not Ok<GetPerson.Response> { Value: { } view }) return false;
        View = view;
        return true;
    }
}
