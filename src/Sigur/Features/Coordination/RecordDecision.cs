using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Notifications;
using Sigur.Platform.Web;

namespace Sigur.Features.Coordination;

/// <summary>
/// Records a decision of a sitting with the institution that owns it and its deadline (the owner is told, as a
/// notification: the workspace's tasks), and lets the owner or the convener report how its follow-up is going.
/// </summary>
public static class RecordDecision
{
    public const string Policy = Policies.CoordinationManage;
    /// <summary>The owning institution's members report the follow-up; so does the convener.</summary>
    public const string FollowUpPolicy = Policies.Coordination;
    public const string AssignedKind = "Coordination.DecisionAssigned";

    public sealed record Request(string Text, Guid OwnerInstitutionId, DateOnly? Deadline);
    public sealed record FollowUpRequest(long Version, FollowUpStatus Status, string? FollowUp);

    public sealed record DecisionView(Guid Id, Guid MeetingId, Guid BodyId, string Text, Guid OwnerInstitutionId, DateOnly? Deadline,
        FollowUpStatus Status, string FollowUp, bool Overdue, long Version)
    {
        public static DecisionView From(Decision d, DateOnly today) => new(d.Id, d.MeetingId, d.BodyId, d.Text, d.OwnerInstitutionId, d.Deadline, d.Status, d.FollowUp,
            d.Deadline is { } due && due < today && d.Status is FollowUpStatus.Open or FollowUpStatus.InProgress, d.Version);
    }

    public static async Task<Results<Created<DecisionView>, ValidationProblem, ProblemHttpResult>> Handle(
        Guid id, Request request, SigurDb db, Notifier notifier, TimeProvider clock, CancellationToken ct)
    {
        var meeting = await db.Held<Meeting>().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
        if (meeting is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 2000) errors["text"] = ["Required, at most 2,000 characters."];
        if (!await db.Organisations.AnyAsync(o => o.Id == request.OwnerInstitutionId && o.IsActive, ct)) errors["ownerInstitutionId"] = ["An active organisation."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        var now = clock.GetUtcNow().UtcDateTime;
        var decision = new Decision
        {
            MeetingId = id, BodyId = meeting.BodyId, OrganisationId = meeting.OrganisationId, Text = request.Text.Trim(), OwnerInstitutionId = request.OwnerInstitutionId,
            Deadline = request.Deadline, RecordedAt = now,
        };
        db.Add(decision);
        // The owner's task: a template with a date, never the decision's text.
        notifier.Add(request.OwnerInstitutionId, null, new NotificationMessage(AssignedKind,
            [request.Deadline?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "–"], $"/Coordination/Meeting/{id}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/coordination/decisions/{decision.Id}", DecisionView.From(decision, DateOnly.FromDateTime(now)));
    }

    [Policy(FollowUpPolicy)]
    public static async Task<Results<Ok<DecisionView>, ValidationProblem, ProblemHttpResult>> FollowUp(
        Guid id, FollowUpRequest request, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var org = user.OrganisationId ?? Guid.Empty;
        var decision = await db.Set<Decision>().SingleOrDefaultAsync(d => d.Id == id && (d.OrganisationId == org || d.OwnerInstitutionId == org), ct);
        if (decision is null) return Problems.NotFound();
        var errors = new Dictionary<string, string[]>();
        if (!Enum.IsDefined(request.Status)) errors["status"] = ["Unknown follow-up status."];
        if ((request.FollowUp?.Length ?? 0) > 2000) errors["followUp"] = ["At most 2,000 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        if (request.Version != decision.Version) return Problems.Conflict();
        decision.Status = request.Status;
        decision.FollowUp = request.FollowUp?.Trim() ?? "";
        db.Entry(decision).Property(d => d.Version).OriginalValue = request.Version;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(DecisionView.From(decision, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }

    /// <summary>The decisions the user's institution owns or whose bodies it sits in; open ones first, by deadline.</summary>
    [Policy(FollowUpPolicy)]
    public static async Task<List<DecisionView>> List(SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var decisions = await CoordinationAccess.Decisions(db, user).AsNoTracking().OrderBy(d => d.Deadline).ThenBy(d => d.RecordedAt).Take(1000).ToListAsync(ct);
        return [.. decisions.Select(d => DecisionView.From(d, today)).OrderBy(d => d.Status is FollowUpStatus.Done or FollowUpStatus.Dropped)];
    }
}
