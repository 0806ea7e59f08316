using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>The offence catalogues: the editions in force, one edition in full, and its history of edits. The law is public: any signed-in user reads it.</summary>
public static class GetCatalogue
{
    public const string Policy = Policies.SignedIn;
    public const string HistoryPolicy = Policies.Administration;

    public sealed record EditionSummary(string Country, string Edition, string Law, string Source, DateOnly InForceFrom, DateOnly? InForceTo,
        int Revision, string Origin, DateTime? EditedAt, int Articles, bool HasUnconfirmed);

    public sealed record ListResponse(IReadOnlyList<EditionSummary> Editions, IReadOnlyList<string> Problems);

    public sealed record EditionDetail(string Country, string Edition, int Revision, string Origin, DateTime? EditedAt, bool HasUnconfirmed,
        CatalogueDocument Document, string Json);

    public sealed record RevisionSummary(int Revision, DateTime? EditedAt, Guid? EditedBy, string Note);

    public sealed record Vocabulary(IReadOnlyList<string> Acts, IReadOnlyList<string> Means, IReadOnlyList<string> Purposes, IReadOnlyList<string> Facts,
        IReadOnlyList<string> OffenceKinds, IReadOnlyList<string> RolesInProcess, IReadOnlyList<string> ProtectionMeasures);

    public static async Task<Ok<ListResponse>> List(SigurDb db, OffenceCatalogue catalogue, CancellationToken ct)
    {
        var editions = await catalogue.EffectiveAsync(db, ct);
        return TypedResults.Ok(new ListResponse(
            [.. editions.Select(e => new EditionSummary(e.Document.Country, e.Document.Edition, e.Document.Law, e.Document.Source, e.Document.InForceFrom,
                e.Document.InForceTo, e.Revision, e.Origin, e.EditedAt, e.Document.Articles.Count, e.Document.HasUnconfirmed))],
            [.. catalogue.Problems.Select(p => p.ToString())]));
    }

    public static async Task<Results<Ok<EditionDetail>, ProblemHttpResult>> One(string country, string edition, SigurDb db, OffenceCatalogue catalogue, CancellationToken ct)
    {
        var e = await catalogue.FindAsync(db, country, edition, ct);
        if (e is null) return Problems.NotFound();
        var json = e.FileJson ?? await db.Set<CatalogueRevision>().AsNoTracking()
            .Where(r => r.Country == country && r.Edition == edition && r.Revision == e.Revision).Select(r => r.Json).SingleAsync(ct);
        return TypedResults.Ok(new EditionDetail(country, edition, e.Revision, e.Origin, e.EditedAt, e.Document.HasUnconfirmed, e.Document, json));
    }

    [Policy(HistoryPolicy)]
    public static async Task<Results<Ok<IReadOnlyList<RevisionSummary>>, ProblemHttpResult>> History(string country, string edition, SigurDb db, OffenceCatalogue catalogue, CancellationToken ct)
    {
        var saved = await db.Set<CatalogueRevision>().AsNoTracking().Where(r => r.Country == country && r.Edition == edition)
            .OrderByDescending(r => r.Revision).Select(r => new RevisionSummary(r.Revision, r.EditedAt, r.EditedBy, r.Note)).ToListAsync(ct);
        var shipped = catalogue.Baseline.Any(e => e.Document.Country == country && e.Document.Edition == edition);
        if (saved.Count == 0 && !shipped) return Problems.NotFound();
        if (shipped) saved.Add(new RevisionSummary(0, null, null, "As shipped"));
        return TypedResults.Ok<IReadOnlyList<RevisionSummary>>(saved);
    }

    public static Ok<Vocabulary> Words() => TypedResults.Ok(new Vocabulary(JusticeVocabulary.Acts, JusticeVocabulary.Means, JusticeVocabulary.Purposes,
        JusticeVocabulary.Facts, JusticeVocabulary.OffenceKinds, JusticeVocabulary.RolesInProcess, JusticeVocabulary.ProtectionMeasures));
}
