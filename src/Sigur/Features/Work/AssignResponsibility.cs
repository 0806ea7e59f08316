using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Work;

/// <summary>
/// A supervisor gives a case to a responsible worker and deputies, all of the holding organisation. The new
/// responsible worker is told (case reference only).
/// </summary>
public static class AssignResponsibility
{
    public const string Policy = Policies.Supervise;

    public sealed record Request(long Version, Guid? ResponsibleUserId, IReadOnlyList<Guid>? DeputyUserIds = null);

    public sealed record Response(Guid CaseId, Guid? ResponsibleUserId, IReadOnlyList<Guid> DeputyUserIds, long Version);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid caseId, Request request, SigurDb db, CurrentUser user, Notifier notifier, CancellationToken ct)
    {
        var c = await db.Held<Case>().SingleOrDefaultAsync(x => x.Id == caseId, ct);
        if (c is null) return Problems.NotFound();
        var deputies = (request.DeputyUserIds ?? []).Distinct().Where(d => d != request.ResponsibleUserId).ToList();
        var errors = new Dictionary<string, string[]>();
        if (request.ResponsibleUserId is { } r && await WorkTeam.CheckAsync(db, c.OrganisationId, [r], ct) is { } wrong) errors["responsibleUserId"] = [wrong];
        if (deputies.Count > 10) errors["deputyUserIds"] = ["At most 10 deputies."];
        else if (await WorkTeam.CheckAsync(db, c.OrganisationId, deputies, ct) is { } wrongDeputy) errors["deputyUserIds"] = [wrongDeputy];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var previous = c.ResponsibleUserId;
        db.Entry(c).Property(x => x.Version).OriginalValue = request.Version;
        c.Version = request.Version;
        c.ResponsibleUserId = request.ResponsibleUserId;
        c.DeputyUserIds = deputies;
        if (request.ResponsibleUserId is { } now && now != previous && now != user.UserId)
            notifier.Add(c.OrganisationId, now, new NotificationMessage("Work.CaseAssigned", [c.Reference], $"/Work/Case/{c.Id}"));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(new Response(c.Id, c.ResponsibleUserId, c.DeputyUserIds, c.Version));
    }
}
