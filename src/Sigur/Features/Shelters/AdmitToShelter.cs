using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform.Access;
using Sigur.Platform;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Shelters;

/// <summary>
/// Admits the person of a case (of the shelter's organisation, or referred to it) to a place of the right category.
/// The place is taken by one conditional update inside the transaction: UPDATE shelter_places SET occupied =
/// occupied + 1 WHERE … AND occupied &lt; places. On SQLite the transaction holds the write lock; on PostgreSQL the
/// row lock makes a concurrent admission wait and re-check the condition. Either way a full shelter answers 409.
/// </summary>
public static class AdmitToShelter
{
    public const string Policy = Policies.ShelterManage;

    public sealed record Request(Guid CaseId, PlaceSex? Sex = null, AgeGroup? AgeGroup = null);

    public sealed record Response(Guid PlacementId, Guid ShelterId, Guid CaseId, PlaceSex Sex, AgeGroup AgeGroup, DateTime AdmittedAt);

    public static async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, Notifier notifier, CancellationToken ct)
    {
        var shelter = await db.Held<Shelter>().SingleOrDefaultAsync(s => s.Id == id && s.IsActive, ct);
        if (shelter is null) return Problems.NotFound();
        var c = await db.Cases.AsNoTracking().Where(x => x.Id == request.CaseId)
            .Select(x => new { x.Id, x.Reference, x.Person }).SingleOrDefaultAsync(ct);
        if (c?.Person is null) return Problems.NotFound();

        var now = clock.GetUtcNow().UtcDateTime;
        var category = ShelterCategory.Of(c.Person, request.Sex, request.AgeGroup, DateOnly.FromDateTime(now));
        if (category is not var (sex, age))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["sex"] = ["The person's sex is not recorded: name the category of place."] });

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var taken = await db.Set<ShelterPlaces>()
            .Where(p => p.ShelterId == id && p.Sex == sex && p.AgeGroup == age && p.Occupied < p.Places)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Occupied, p => p.Occupied + 1), ct);
        if (taken == 0)
            return new Refusal("The shelter has no free place of this category. Put the person on the waiting list.").Problem("No free place");

        var placement = new ShelterPlacement
        {
            ShelterId = id, OrganisationId = shelter.OrganisationId, CaseId = c.Id, CaseReference = c.Reference, Sex = sex, AgeGroup = age,
            AdmittedAt = now, AdmittedBy = user.UserId!.Value,
        };
        db.Add(placement);
        await db.Set<ShelterWaitingEntry>().Where(w => w.ShelterId == id && w.CaseId == c.Id && w.RemovedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.RemovedAt, now), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index on open stays: the person is already in a shelter (rolled back with the place).
            return Problems.Conflict("The person already has an open stay in a shelter.");
        }
        await tx.CommitAsync(ct);
        await ShelterNotices.AfterAdmissionAsync(db, notifier, id, now, ct);
        return TypedResults.Created($"/api/v1/shelters/{id}/placements/{placement.Id}",
            new Response(placement.Id, id, c.Id, sex, age, now));
    }
}

internal static class ShelterCategory
{
    public static (PlaceSex, AgeGroup)? Of(Person person, PlaceSex? sex, AgeGroup? age, DateOnly today)
    {
        var s = sex ?? person.Sex switch { Sex.Female => PlaceSex.Female, Sex.Male => PlaceSex.Male, _ => (PlaceSex?)null };
        if (s is null) return null;
        return (s.Value, age ?? (person.IsChild(today) ? AgeGroup.Child : AgeGroup.Adult));
    }
}
