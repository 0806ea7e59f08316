using Sigur.Platform;

namespace Sigur.Features.Justice;

/// <summary>
/// Start here for criminal justice (PRODUCT.md §3): the offence catalogues (OffenceCatalogue, files in Catalogue/,
/// format in docs/offence-catalogue.md), the qualification helper (QualifyFacts), suspects (Suspect, kept apart from
/// victims under the Justice policy), proceedings (Proceeding and its stage machine) and the figures for statistics
/// (JusticeFigures). The pages in this folder call the same use cases.
/// </summary>
public static class JusticeApi
{
    public static RouteGroupBuilder MapJusticeApi(this RouteGroupBuilder api)
    {
        // Load the catalogue files now, so a broken file is reported at start-up rather than at first use.
        _ = ((IEndpointRouteBuilder)api).ServiceProvider.GetRequiredService<OffenceCatalogue>();

        var catalogues = api.MapGroup("/justice/catalogues").WithTags("Justice: offence catalogue");
        catalogues.MapGet("/", GetCatalogue.List)
            .WithSummary("The offence catalogue editions in force, with any problems of the shipped files");
        catalogues.MapGet("/{country}/{edition}", GetCatalogue.One)
            .WithSummary("One edition in full (articles, paragraphs, elements, penalties) and its JSON");
        catalogues.MapGet("/{country}/{edition}/history", GetCatalogue.History)
            .WithSummary("The revisions of an edition: who saved each, when, why");
        catalogues.MapPut("/{country}/{edition}", EditCatalogue.Handle)
            .WithSummary("Save a new revision (validated; problems answered with their lines; 409 on a stale base revision)");
        catalogues.MapPost("/reload", EditCatalogue.Reload)
            .WithSummary("Read the shipped files again; a file with problems keeps its previous version in force");
        api.MapGet("/justice/vocabulary", GetCatalogue.Words).WithTags("Justice: offence catalogue")
            .WithSummary("The codes of acts, means, purposes, facts, roles in the process and protection measures");

        api.MapPost("/justice/qualification", QualifyFacts.Handle).WithTags("Justice: qualification")
            .WithSummary("Which articles and paragraphs may apply to these facts, with penalties and the reasons (advice only)");
        api.MapPost("/cases/{caseId:guid}/qualifications", AcceptQualification.Handle).WithTags("Justice: qualification")
            .WithSummary("Record the qualification accepted for a case, and by whom");
        api.MapGet("/cases/{caseId:guid}/qualifications", AcceptQualification.List).WithTags("Justice: qualification")
            .WithSummary("The qualifications accepted for a case");

        var suspects = api.MapGroup("/suspects").WithTags("Justice: suspects");
        suspects.MapGet("/", GetSuspect.List).WithSummary("The organisation's suspects, newest first");
        suspects.MapPost("/", RegisterSuspect.Handle).WithSummary("Register a suspect");
        suspects.MapGet("/{id:guid}", GetSuspect.Handle).WithSummary("A suspect's file with the cases they are linked to");
        suspects.MapPut("/{id:guid}", EditSuspect.Handle).WithSummary("Edit a suspect (409 on a stale version)");
        api.MapPost("/cases/{caseId:guid}/suspects", LinkSuspect.Handle).WithTags("Justice: suspects")
            .WithSummary("Link a suspect to a case with their role in the process and relation to the victim");
        api.MapGet("/cases/{caseId:guid}/suspects", GetSuspect.OfCase).WithTags("Justice: suspects")
            .WithSummary("The suspects linked to a case");

        api.MapGet("/cases/{caseId:guid}/proceedings", GetProceeding.ForVictim).WithTags("Justice: proceedings")
            .WithSummary("A case's proceedings as a case worker sees them: stage, the victim's role, protection, compensation; no suspects");
        api.MapPost("/cases/{caseId:guid}/proceedings", OpenProceeding.Handle).WithTags("Justice: proceedings")
            .WithSummary("Open proceedings on a case");
        var proceedings = api.MapGroup("/proceedings").WithTags("Justice: proceedings");
        proceedings.MapGet("/", GetProceeding.List).WithSummary("Proceedings in the user's scope, newest first");
        proceedings.MapGet("/{id:guid}", GetProceeding.Handle).WithSummary("Proceedings in full: stages, charges, verdicts, compensation");
        proceedings.MapPut("/{id:guid}", EditProceeding.Handle).WithSummary("Edit references, the victim's role and protection, non-punishment, confiscation");
        proceedings.MapPost("/{id:guid}/stage", MoveProceeding.Handle).WithSummary("Move to the next stage (409 on an illegal move or a stale version)");
        proceedings.MapPost("/{id:guid}/charges", ChargeDefendant.Handle).WithSummary("Charge a defendant, or change a charge's qualification");
        proceedings.MapPost("/{id:guid}/outcomes", RecordOutcome.Handle).WithSummary("Record a defendant's verdict and sentence at the current court stage");
        proceedings.MapPost("/{id:guid}/claims", RecordCompensation.Handle).WithSummary("Record the victim's compensation claim");
        proceedings.MapPut("/{id:guid}/claims/{claimId:guid}", RecordCompensation.Settle).WithSummary("Record what was awarded and paid on a claim");

        api.MapGet("/justice/figures", JusticeFigures.Handle).WithTags("Justice: figures")
            .WithSummary("Investigations, prosecutions, convictions and sentences by article and year, per person and per proceeding; small cells suppressed");
        return api;
    }
}
