using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.CaseFile;

/// <summary>The REST routes of the case file (start reading at CaseFile.cs). The pages in this folder call the same use cases.</summary>
public static class CaseFileApi
{
    public static RouteGroupBuilder MapCaseFileApi(this RouteGroupBuilder api)
    {
        var cases = api.MapGroup("/cases").WithTags("Case file");
        cases.MapGet("/{id:guid}/timeline", CaseTimeline.Handle).RequireAuthorization(CaseTimeline.Policy)
            .WithSummary("Everything that happened to the case, newest first, from the records the reader may see; filter with kind=Note&kind=Document…");
        cases.MapPost("/{id:guid}/notes", WriteNote.Handle).RequireAuthorization(WriteNote.Policy)
            .WithSummary("Write a note in the case's journal, in one consent data group (encrypted; recipients read it only when their consent covers the group)");
        cases.MapGet("/{id:guid}/documents", ListDocuments.Handle).RequireAuthorization(ListDocuments.Policy)
            .WithSummary("The case's documents the reader may see (a child's never outside the holding organisation)");
        Upload(cases.MapPost("/{id:guid}/documents", (Guid id, IFormFile file, [FromForm] DocumentKind kind, [FromForm] DataGroup group, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            UploadAsync(DocumentSubject.Case, id, file, kind, group, db, user, clock, ct)), UploadDocument.CasePolicy, "Attach a document to a case");
        cases.MapGet("/{id:guid}/summary.pdf", Printouts.CaseSummaryPdf).RequireAuthorization(Printouts.Policy)
            .WithSummary("The case summary as PDF, in the reader's language (audited as an export)");
        cases.MapGet("/{id:guid}/consent-form.pdf", Printouts.ConsentFormPdf).RequireAuthorization(Printouts.Policy)
            .WithSummary("A consent form for the case's person to sign, as PDF in the reader's language (audited as an export)");

        var persons = api.MapGroup("/persons").WithTags("Case file");
        persons.MapGet("/{id:guid}", GetPerson.Handle).RequireAuthorization(GetPerson.Policy)
            .WithSummary("A person across cases: their cases within the reader's scope, aliases, documents and the people around them");
        persons.MapPost("/{id:guid}/relations", RelatePersons.Handle).RequireAuthorization(RelatePersons.Policy)
            .WithSummary("Link a person to a family member, dependant, co-victim or (for a child) guardian");
        Upload(persons.MapPost("/{id:guid}/documents", (Guid id, IFormFile file, [FromForm] DocumentKind kind, [FromForm] DataGroup group, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            UploadAsync(DocumentSubject.Person, id, file, kind, group, db, user, clock, ct)), UploadDocument.CasePolicy, "Attach a document to a person");

        Upload(api.MapPost("/fund/disbursements/{id:guid}/receipts", (Guid id, IFormFile file, [FromForm] DataGroup group, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            UploadAsync(DocumentSubject.Disbursement, id, file, DocumentKind.Receipt, group, db, user, clock, ct)).WithTags("Case file"), UploadDocument.ReceiptPolicy,
            "Attach a receipt to a disbursement (the requester or the fund)");
        api.MapGet("/fund/disbursements/{id:guid}/receipts", ListDocuments.Receipts).RequireAuthorization(ListDocuments.ReceiptsPolicy).WithTags("Case file")
            .WithSummary("A disbursement's receipts (the requester and the fund)");
        Upload(api.MapPost("/proceedings/{id:guid}/documents", (Guid id, IFormFile file, [FromForm] DocumentKind kind, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
            UploadAsync(DocumentSubject.Proceeding, id, file, kind, DataGroup.CriminalProceedings, db, user, clock, ct)).WithTags("Case file"), UploadDocument.ProceedingPolicy,
            "Attach a document to a proceeding (in the criminal-proceedings group)");

        api.MapGet("/documents/{id:guid}/content", DownloadDocument.Handle).RequireAuthorization(DownloadDocument.Policy).WithTags("Case file")
            .WithSummary("A document's file (every download audited)");
        return api;
    }

    // The API takes bearer tokens only, never the cookie, so a form post from another site cannot reach it: no antiforgery token.
    private static void Upload(RouteHandlerBuilder route, string policy, string summary) =>
        route.RequireAuthorization(policy).DisableAntiforgery().WithMetadata(new RequestSizeLimitAttribute(FileTypes.MaxRequestBytes)).WithSummary(summary);

    private static async Task<Results<Created<DocumentView>, ValidationProblem, ProblemHttpResult>> UploadAsync(DocumentSubject subject, Guid id, IFormFile file,
        DocumentKind kind, DataGroup group, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct) =>
        await UploadDocument.Handle(new UploadDocument.Request(subject, id, kind, group, file.FileName, await UploadDocument.ReadAsync(file, ct)), db, user, clock, ct);
}
