using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Platform.Web;

namespace Sigur.Features.Shelters;

/// <summary>Ends a stay and frees its place, both in one transaction; a stay is discharged once (conditional update).</summary>
public static class DischargeFromShelter
{
    public const string Policy = Policies.ShelterManage;

    public sealed record Request(string? Reason = null);

    public static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Guid placementId, Request request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, CancellationToken ct)
    {
        if ((request.Reason?.Length ?? 0) > 1000)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["At most 1000 characters."] });
        var shelter = await db.Held<Shelter>().SingleOrDefaultAsync(s => s.Id == id && s.IsActive, ct);
        if (shelter is null) return Problems.NotFound();
        var placement = await db.Set<ShelterPlacement>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == placementId && p.ShelterId == id, ct);
        if (placement is null) return Problems.NotFound();

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ended = await db.Set<ShelterPlacement>().Where(p => p.Id == placementId && p.DischargedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.DischargedAt, now).SetProperty(p => p.DischargedBy, user.UserId)
                .SetProperty(p => p.DischargeReason, request.Reason ?? ""), ct);
        if (ended == 0) return Problems.Conflict("The stay has already ended.");
        await db.Set<ShelterPlaces>().Where(p => p.ShelterId == id && p.Sex == placement.Sex && p.AgeGroup == placement.AgeGroup && p.Occupied > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Occupied, p => p.Occupied - 1), ct);
        db.AuditWithNextSave(audit.New(AuditAction.Update, nameof(ShelterPlacement), placementId.ToString(), [], "discharge"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
