using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.Justice;

/// <summary>Records a defendant's verdict and sentence at the current court stage (first instance, appeal, final).</summary>
public static class RecordOutcome
{
    public const string Policy = Policies.Justice;

    public sealed record Request(long Version, Guid SuspectId, Verdict Verdict, DateOnly Date, string? Article = null, string? Paragraph = null,
        int? SentenceMonths = null, bool Suspended = false, long? FineMinor = null, string? FineCurrency = null);

    public sealed record Response(Guid Id, ProceedingStage Stage, long Version);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(Guid id, Request request, SigurDb db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.Verdict)) errors["verdict"] = ["Unknown verdict."];
        if (request.Date > DateOnly.FromDateTime(now) || request.Date.Year < 1990) errors["date"] = ["Between 1990 and today."];
        if (request.SentenceMonths is < 0 or > 600) errors["sentenceMonths"] = ["Between 0 and 600."];
        if (request.FineMinor is < 0) errors["fineMinor"] = ["Not negative."];
        if (request.FineMinor is not null && !Money.IsCurrency(request.FineCurrency)) errors["fineCurrency"] = ["An ISO 4217 code such as RSD, MKD or EUR."];
        if (request.Verdict != Verdict.Convicted && (request.SentenceMonths is not null || request.FineMinor is not null))
            errors["sentenceMonths"] = ["A sentence goes with a conviction only."];
        if ((request.Article?.Length ?? 0) > 20 || (request.Paragraph?.Length ?? 0) > 20) errors["article"] = ["At most 20 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var p = await GetProceeding.LoadAsync(db, id, ct);
        if (p is null) return Problems.NotFound();
        if (p.Version != request.Version) return Problems.Conflict();
        // Without an article of conviction, the defendant's current charge stands.
        var current = p.Charges.Where(c => c.SuspectId == request.SuspectId && c.SupersededAt is null).OrderByDescending(c => c.RecordedAt).FirstOrDefault();
        var outcome = new DefendantOutcome
        {
            ProceedingId = p.Id, CaseId = p.CaseId, OrganisationId = p.OrganisationId, SuspectId = request.SuspectId, Verdict = request.Verdict,
            Date = Dates.Utc(request.Date), Article = request.Article ?? current?.Article ?? "", Paragraph = request.Paragraph ?? current?.Paragraph ?? "",
            SentenceMonths = request.SentenceMonths, Suspended = request.Suspended, FineMinor = request.FineMinor,
            FineCurrency = request.FineMinor is null ? null : request.FineCurrency, RecordedAt = now,
        };
        if (p.RecordOutcome(outcome) is { } refused)
            return refused.Problem("Verdict refused");
        db.Add(outcome);
        if (!await ProceedingVersion.SaveAsync(db, p, request.Version, ct)) return Problems.Conflict();
        return TypedResults.Created($"/api/v1/proceedings/{p.Id}", new Response(outcome.Id, outcome.Stage, p.Version));
    }
}
