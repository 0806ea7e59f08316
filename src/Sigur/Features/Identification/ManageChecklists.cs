using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Identification;

/// <summary>
/// The indicator checklists: anyone signed in reads them (they are public operational indicators, and the
/// administrators who publish them hold no case role); administrators publish new versions. A version is
/// never changed once published, so every screening keeps the meaning it was recorded with.
/// </summary>
public static class ManageChecklists
{
    public const string Policy = Policies.Administration;
    public const string ReadPolicy = Policies.SignedIn;

    public sealed record Summary(string Id, int Version, ChecklistAudience Audience, IReadOnlyList<string> Forms, string Title, int Indicators);

    [Policy(ReadPolicy)]
    public static async Task<IReadOnlyList<Summary>> List(ChecklistAudience? audience, string? form, SigurDb db, CancellationToken ct)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        var all = await ChecklistLibrary.CurrentAsync(db, ct);
        return [.. all.Where(c => audience is null || c.Audience == audience)
            .Where(c => string.IsNullOrEmpty(form) || c.Forms.Count == 0 || c.Forms.Contains(form))
            .Select(c => new Summary(c.Id, c.Version, c.Audience, c.Forms, c.TitleIn(culture), c.Indicators.Count))];
    }

    [Policy(ReadPolicy)]
    public static async Task<Results<Ok<IndicatorChecklist>, ProblemHttpResult>> Get(string id, int? version, SigurDb db, CancellationToken ct) =>
        await ChecklistLibrary.FindAsync(db, id, version, ct) is { } checklist ? TypedResults.Ok(checklist) : Platform.Web.Problems.NotFound();

    /// <summary>One entry of a checklist's history: the shipped version has no publication date and no publisher.</summary>
    public sealed record VersionEntry(int Version, DateTime? PublishedAt, string? PublishedBy, int Indicators);

    /// <summary>Every version of a checklist, newest first; 404 when there is no such checklist.</summary>
    [Policy(ReadPolicy)]
    public static async Task<Results<Ok<IReadOnlyList<VersionEntry>>, ProblemHttpResult>> History(string id, SigurDb db, CancellationToken ct)
    {
        var published = await db.ChecklistVersions().AsNoTracking().Where(v => v.ChecklistId == id)
            .GroupJoin(db.Users.AsNoTracking(), v => v.PublishedBy, u => u.Id, (v, us) => new { v, us })
            .SelectMany(x => x.us.DefaultIfEmpty(), (x, u) => new { x.v.Version, x.v.PublishedAt, Publisher = u == null ? null : u.DisplayName, x.v.Json })
            .ToListAsync(ct);
        var entries = published.Select(v => new VersionEntry(v.Version, v.PublishedAt, v.Publisher, ChecklistLibrary.Parse(v.Json).Indicators.Count)).ToList();
        if (ChecklistLibrary.Shipped.TryGetValue(id, out var shipped) && entries.All(e => e.Version != shipped.Version))
            entries.Add(new VersionEntry(shipped.Version, null, null, shipped.Indicators.Count));
        if (entries.Count == 0) return Platform.Web.Problems.NotFound();
        return TypedResults.Ok<IReadOnlyList<VersionEntry>>([.. entries.OrderByDescending(e => e.Version)]);
    }

    /// <summary>Publishes the next version of a checklist (or the first version of a new one). The body is the whole checklist.</summary>
    public static async Task<Results<Created<Summary>, ValidationProblem, ProblemHttpResult>> Publish(
        string id, IndicatorChecklist checklist, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct)
    {
        var errors = ChecklistLibrary.Validate(checklist);
        if (checklist.Id != id) errors["id"] = ["The checklist's id must match the address."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var current = await ChecklistLibrary.FindAsync(db, id, null, ct);
        var next = (current?.Version ?? 0) + 1;
        if (checklist.Version != next)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Edit conflict",
                detail: $"The next version of this checklist is {next}; someone may have published in between.");
        db.ChecklistVersions().Add(new ChecklistVersion
        {
            ChecklistId = id, Version = next, Json = JsonSerializer.Serialize(checklist, ChecklistLibrary.Json),
            PublishedAt = clock.GetUtcNow().UtcDateTime, PublishedBy = user.UserId,
        });
        db.AuditWithNextSave(audit.New(AuditAction.Create, nameof(ChecklistVersion), $"{id}:{next}", [], null));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Platform.Web.Problems.Conflict("Someone published this version at the same time.");
        }
        return TypedResults.Created($"/api/v1/identification/checklists/{id}?version={next}",
            new Summary(id, next, checklist.Audience, checklist.Forms, checklist.TitleIn("en"), checklist.Indicators.Count));
    }
}
