using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Shelters;

/// <summary>The shelter's current residents and its waiting list, for its own staff; and putting a case on the list.</summary>
public static class ShelterResidents
{
    public const string Policy = Policies.ShelterManage;

    public sealed record Stay(Guid Id, Guid CaseId, string CaseReference, PlaceSex Sex, AgeGroup AgeGroup, DateTime AdmittedAt);

    public sealed record Waiting(Guid Id, Guid CaseId, string CaseReference, PlaceSex Sex, AgeGroup AgeGroup, DateTime AddedAt);

    public sealed record WaitRequest(Guid CaseId, PlaceSex? Sex = null, AgeGroup? AgeGroup = null);

    public static async Task<Results<Ok<List<Stay>>, ProblemHttpResult>> Placements(Guid id, SigurDb db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        if (await db.Held<Shelter>().SingleOrDefaultAsync(s => s.Id == id && s.IsActive, ct) is null) return Problems.NotFound();
        var stays = await db.Set<ShelterPlacement>().AsNoTracking().Where(p => p.ShelterId == id && p.DischargedAt == null)
            .OrderBy(p => p.AdmittedAt).Select(p => new Stay(p.Id, p.CaseId, p.CaseReference, p.Sex, p.AgeGroup, p.AdmittedAt)).ToListAsync(ct);
        await audit.ListAsync(nameof(ShelterPlacement), stays.Select(s => s.Id));
        return TypedResults.Ok(stays);
    }

    public static async Task<Results<Ok<List<Waiting>>, ProblemHttpResult>> WaitingList(Guid id, SigurDb db, CurrentUser user, Audit audit, CancellationToken ct)
    {
        if (await db.Held<Shelter>().SingleOrDefaultAsync(s => s.Id == id && s.IsActive, ct) is null) return Problems.NotFound();
        var waiting = await db.Set<ShelterWaitingEntry>().AsNoTracking().Where(w => w.ShelterId == id && w.RemovedAt == null)
            .OrderBy(w => w.AddedAt).Select(w => new Waiting(w.Id, w.CaseId, w.CaseReference, w.Sex, w.AgeGroup, w.AddedAt)).ToListAsync(ct);
        await audit.ListAsync(nameof(ShelterWaitingEntry), waiting.Select(w => w.Id));
        return TypedResults.Ok(waiting);
    }

    /// <summary>Takes a case off the waiting list (it found a place elsewhere, or no longer needs one).</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveFromWaitingList(Guid id, Guid entryId, SigurDb db, CurrentUser user, Audit audit,
        TimeProvider clock, CancellationToken ct)
    {
        if (await db.Held<Shelter>().SingleOrDefaultAsync(s => s.Id == id && s.IsActive, ct) is null) return Problems.NotFound();
        var entry = await db.Set<ShelterWaitingEntry>().SingleOrDefaultAsync(w => w.Id == entryId && w.ShelterId == id, ct);
        if (entry is null) return Problems.NotFound();
        if (entry.RemovedAt is not null) return Problems.Conflict("The case is no longer on the waiting list.");
        entry.RemovedAt = clock.GetUtcNow().UtcDateTime;
        db.AuditWithNextSave(audit.New(AuditAction.Update, nameof(ShelterWaitingEntry), entryId.ToString(), [], "removed from the waiting list"));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Created<Waiting>, ValidationProblem, ProblemHttpResult>> AddToWaitingList(
        Guid id, WaitRequest request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var shelter = await db.Held<Shelter>().SingleOrDefaultAsync(s => s.Id == id && s.IsActive, ct);
        if (shelter is null) return Problems.NotFound();
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == request.CaseId).Select(x => new { x.Id, x.Reference, x.Person }).SingleOrDefaultAsync(ct);
        if (c?.Person is null) return Problems.NotFound();
        var now = clock.GetUtcNow().UtcDateTime;
        if (ShelterCategory.Of(c.Person, request.Sex, request.AgeGroup, DateOnly.FromDateTime(now)) is not var (sex, age))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sex"] = ["The person's sex is not recorded: name the category of place."] });
        if (await db.Set<ShelterWaitingEntry>().AnyAsync(w => w.ShelterId == id && w.CaseId == c.Id && w.RemovedAt == null, ct))
            return Problems.Conflict("The case is already on the waiting list.");
        var entry = new ShelterWaitingEntry { ShelterId = id, OrganisationId = shelter.OrganisationId, CaseId = c.Id, CaseReference = c.Reference, Sex = sex, AgeGroup = age, AddedAt = now };
        db.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return Problems.Conflict("The case is already on the waiting list."); // a parallel request won the race: the unique index kept one
        }
        return TypedResults.Created($"/api/v1/shelters/{id}/waiting-list", new Waiting(entry.Id, c.Id, c.Reference, sex, age, now));
    }
}
