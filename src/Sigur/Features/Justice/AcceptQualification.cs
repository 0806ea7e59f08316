using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>
/// Records which qualification someone accepted for a case, on the facts they gave the helper and against the
/// catalogue revision in force: the helper advises, this is the decision. It may differ from the advice.
/// </summary>
public static class AcceptQualification
{
    public const string Policy = Policies.Justice;

    public sealed record Request(QualifyFacts.Request Qualification, IReadOnlyList<string> Accepted, string? Note = null);

    public sealed record Decision(Guid Id, string Country, string Edition, int Revision, IReadOnlyList<string> Accepted, QualifyFacts.Facts? Facts,
        string Note, Guid AcceptedBy, DateTime AcceptedAt);

    private static readonly JsonSerializerOptions FactsJson = new(JsonSerializerDefaults.Web);

    public static async Task<Results<Created<Decision>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, OffenceCatalogue catalogue, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        if (request.Qualification is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["qualification"] = ["The facts and country are required."] });
        var errors = QualifyFacts.Check(request.Qualification);
        if (request.Accepted is null || request.Accepted.Count == 0) errors["accepted"] = ["Accept at least one article and paragraph (\"388/1\")."];
        if ((request.Note?.Length ?? 0) > 4000) errors["note"] = ["At most 4000 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var c = await db.Cases.AsNoTracking().Where(x => x.Id == caseId).Select(x => new { x.Id, x.OrganisationId }).SingleOrDefaultAsync(ct);
        if (c is null) return Problems.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        var date = request.Qualification.OffenceDate ?? DateOnly.FromDateTime(now);
        var edition = await catalogue.InForceAsync(db, request.Qualification.Country, date, ct);
        if (edition is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["qualification.country"] = ["No catalogue of that country is in force on the offence date."] });
        var unknown = request.Accepted!.Where(a => a.Split('/') is not [var art, var para] || edition.Document.Find(art, para) is null).ToList();
        if (unknown.Count > 0)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["accepted"] = [$"Not in {edition.Document.Country} {edition.Document.Edition}: {string.Join(", ", unknown)}."] });

        var decision = new QualificationDecision
        {
            CaseId = c.Id, OrganisationId = c.OrganisationId, Country = edition.Document.Country, Edition = edition.Document.Edition, Revision = edition.Revision,
            Accepted = [.. request.Accepted!.Distinct()], Facts = JsonSerializer.Serialize(request.Qualification.Facts, FactsJson),
            Note = request.Note?.Trim() ?? "", AcceptedBy = user.UserId!.Value, AcceptedAt = now,
        };
        db.Add(decision);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{caseId}/qualifications", ToDecision(decision));
    }

    public static async Task<Results<Ok<IReadOnlyList<Decision>>, ProblemHttpResult>> List(Guid caseId, SigurDb db, Audit audit, CancellationToken ct)
    {
        if (!await db.Cases.AnyAsync(x => x.Id == caseId, ct)) return Problems.NotFound();
        var rows = await db.Set<QualificationDecision>().AsNoTracking().Where(q => q.CaseId == caseId).OrderByDescending(q => q.AcceptedAt).ToListAsync(ct);
        await audit.ListAsync(nameof(QualificationDecision), rows.Select(r => r.Id), FieldGroups.Exploitation, FieldGroups.Narrative);
        return TypedResults.Ok<IReadOnlyList<Decision>>([.. rows.Select(ToDecision)]);
    }

    private static Decision ToDecision(QualificationDecision q) => new(q.Id, q.Country, q.Edition, q.Revision, q.Accepted,
        JsonSerializer.Deserialize<QualifyFacts.Facts>(q.Facts, FactsJson), q.Note, q.AcceptedBy, q.AcceptedAt);
}
