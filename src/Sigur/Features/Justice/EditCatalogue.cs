using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>
/// An administrator saves a new revision of a catalogue edition (or a new edition for another country). The whole
/// document is validated first; a document with problems is refused with each problem's line, and the revision in
/// force stays. Saving from a revision that is no longer the newest answers 409.
/// </summary>
public static class EditCatalogue
{
    public const string Policy = Policies.Administration;

    public sealed record Request(int BaseRevision, string Json, string? Note = null);

    public sealed record Response(string Country, string Edition, int Revision);

    public const int MaxJsonChars = 500_000;

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        string country, string edition, Request request, SigurDb db, OffenceCatalogue catalogue, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Json)) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["json"] = ["The catalogue document is required."] });
        if (request.Json.Length > MaxJsonChars) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["json"] = [$"At most {MaxJsonChars} characters."] });
        if ((request.Note?.Length ?? 0) > 2000) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["note"] = ["At most 2000 characters."] });
        var parsed = CatalogueParser.Parse(request.Json, $"{country}-{edition}.json");
        var problems = parsed.Problems.Select(p => p.ToString()).ToList();
        if (parsed.Document is { } doc && (doc.Country != country || doc.Edition != edition))
            problems.Add($"{country}-{edition}.json line 1: the document is country {doc.Country}, edition {doc.Edition}; save it under that address.");
        if (problems.Count > 0) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["json"] = [.. problems] },
            title: "The catalogue has problems; the version in force is unchanged.");

        var current = await catalogue.FindAsync(db, country, edition, ct);
        var currentRevision = current?.Revision ?? 0;
        if (request.BaseRevision != currentRevision)
            return Problems.Conflict($"The catalogue is at revision {currentRevision}, not {request.BaseRevision}. Reload it and apply your change again.");

        db.Set<CatalogueRevision>().Add(new CatalogueRevision
        {
            Country = country, Edition = edition, Revision = currentRevision + 1, Json = request.Json, Note = request.Note?.Trim() ?? "",
            EditedBy = user.UserId!.Value, EditedAt = clock.GetUtcNow().UtcDateTime,
        });
        // The catalogue is not case data, so SigurDb does not audit it by itself; the edit is audited in its own transaction.
        db.AuditWithNextSave(audit.New(AuditAction.Update, "OffenceCatalogue", $"{country}-{edition}@{currentRevision + 1}", [], request.Note?.Trim()));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Problems.Conflict("Someone saved this catalogue at the same moment. Reload it and apply your change again.");
        }
        return TypedResults.Ok(new Response(country, edition, currentRevision + 1));
    }

    /// <summary>Reads the shipped files again (after an administrator replaced one on disk).</summary>
    public static Results<Ok<GetCatalogue.ListResponse>, ValidationProblem> Reload(OffenceCatalogue catalogue)
    {
        var problems = catalogue.Reload();
        if (problems.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["files"] = [.. problems.Select(p => p.ToString())] },
                title: "Some catalogue files have problems; their previous versions stay in force.");
        return TypedResults.Ok(new GetCatalogue.ListResponse([.. catalogue.Baseline.Select(e => new GetCatalogue.EditionSummary(
            e.Document.Country, e.Document.Edition, e.Document.Law, e.Document.Source, e.Document.InForceFrom, e.Document.InForceTo,
            e.Revision, e.Origin, e.EditedAt, e.Document.Articles.Count, e.Document.HasUnconfirmed))], []));
    }
}
