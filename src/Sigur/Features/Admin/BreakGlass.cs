using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Audit;

namespace Sigur.Features.Admin;

/// <summary>
/// Break-glass: a case worker or police investigator who must see a case of another organisation to protect a life
/// states why, and gets read access to that one case for a few hours. The grant is audited, alerted (a warning
/// event for the operators' monitoring, identifiers only) and listed on the administrators' dashboard.
/// The case is named by its reference, which is what is passed on by phone.
/// </summary>
public static class BreakGlass
{
    public const string Policy = Policies.BreakGlass;
    public const string ReviewPolicy = Policies.Administration;

    public sealed record Request(string CaseReference, string Reason);

    public sealed record Grant(Guid Id, Guid UserId, Guid OrganisationId, Guid CaseId, string Reason, DateTime GrantedAt, DateTime ExpiresAt, DateTime? ReviewedAt);

    public static async Task<Results<Ok<Grant>, ValidationProblem, ProblemHttpResult>> Open(
        Request request, SigurDb db, CurrentUser user, Audit audit, TimeProvider clock, IMemoryCache cache, ILogger<Request> log, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 20 || request.Reason.Length > 1000)
            errors["reason"] = ["State the reason in 20 to 1000 characters."];
        if (string.IsNullOrWhiteSpace(request.CaseReference)) errors["caseReference"] = ["Required."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var target = await db.Cases.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Reference == request.CaseReference.Trim()).Select(c => new { c.Id, c.PersonId }).SingleOrDefaultAsync(ct);
        if (target is null)
        {
            // A probe for references, or a mistyped one: recorded, answered as any unknown record.
            await audit.EventAsync(AuditAction.Denied, "Case", reason: "break-glass: no case has this reference");
            return Platform.Web.Problems.NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var grant = new BreakGlassGrant
        {
            UserId = user.UserId!.Value, OrganisationId = user.OrganisationId!.Value, CaseId = target.Id, PersonId = target.PersonId,
            Reason = request.Reason.Trim(), GrantedAt = now, ExpiresAt = now + BreakGlassGrant.Duration,
        };
        db.BreakGlassGrants.Add(grant);
        // The reason is kept (encrypted) with the grant; the audit row, which cannot be encrypted, names the grant.
        db.AuditWithNextSave(audit.New(AuditAction.BreakGlass, "Case", target.Id.ToString(), [], $"grant {grant.Id}"));
        await db.SaveChangesAsync(ct);
        AccessScope.Forget(cache, grant.UserId);
        log.LogWarning("Break-glass access {GrantId} opened by user {UserId} to case {CaseId}", grant.Id, grant.UserId, grant.CaseId);
        return TypedResults.Ok(View(grant));
    }

    [Policy(ReviewPolicy)]
    public static async Task<Ok<List<Grant>>> List(SigurDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.BreakGlassGrants.AsNoTracking().OrderByDescending(g => g.GrantedAt).Take(500).ToListAsync(ct)).ConvertAll(View));

    [Policy(ReviewPolicy)]
    public static async Task<Results<NoContent, ProblemHttpResult>> Review(Guid id, SigurDb db, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        var grant = await db.BreakGlassGrants.SingleOrDefaultAsync(g => g.Id == id, ct);
        if (grant is null) return Platform.Web.Problems.NotFound();
        grant.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        grant.ReviewedBy = user.UserId;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static Grant View(BreakGlassGrant g) => new(g.Id, g.UserId, g.OrganisationId, g.CaseId, g.Reason, g.GrantedAt, g.ExpiresAt, g.ReviewedAt);
}
