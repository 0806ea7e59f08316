using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Data;
using Sigur.Platform;
using static Sigur.Features.Identification.IdentificationSupport;

namespace Sigur.Features.Identification;

/// <summary>Records a screening: the indicators observed on a checklist, by whom and when. Answers with the summary, never a verdict.</summary>
public static class RecordScreening
{
    public const string Policy = Policies.CaseWrite;

    public sealed record Request(string ChecklistId, IReadOnlyList<string> Observed, DateOnly ScreenedOn, int? ChecklistVersion = null, string? Screener = null, string? Notes = null);

    public sealed record Response(Guid Id, string ChecklistId, int ChecklistVersion, ScreeningSummary Summary);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var c = await CaseAsync(db, caseId, ct);
        if (c is null) return NotFound();
        var errors = new Dictionary<string, string[]>();
        var checklist = string.IsNullOrEmpty(request.ChecklistId) ? null : await ChecklistLibrary.FindAsync(db, request.ChecklistId, request.ChecklistVersion, ct);
        if (checklist is null) errors["checklistId"] = ["No such checklist (or version)."];
        var observed = (request.Observed ?? []).Distinct().ToList();
        if (checklist is not null && observed.Any(code => checklist.Indicators.All(i => i.Code != code)))
            errors["observed"] = ["Use the indicator codes of the checklist."];
        CheckDay(errors, "screenedOn", request.ScreenedOn, Today(clock));
        CheckText(errors, "screener", request.Screener, NameMax);
        CheckText(errors, "notes", request.Notes, TextMax);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var screening = new Screening
        {
            CaseId = c.Id,
            OrganisationId = c.OrganisationId,
            ChecklistId = checklist!.Id,
            ChecklistVersion = checklist.Version,
            Observed = observed,
            ScreenedOn = LegalClock.Day(request.ScreenedOn),
            Screener = request.Screener?.Trim() ?? "",
            Notes = request.Notes ?? "",
            RecordedBy = user.UserId,
            RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Screenings().Add(screening);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cases/{c.Id}/identification",
            new Response(screening.Id, checklist.Id, checklist.Version, ScreeningSummary.Of(checklist, observed)));
    }
}
