using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Platform.Web;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// Refers a case of one's own organisation to a peer country. Needs a consent in force that names the peer (its
/// stand-in organisation, see <see cref="Peer.OrganisationId"/>); the package carries only the data groups that
/// consent covers. The conversation and the outgoing package are written in one transaction.
/// </summary>
public static class ReferAbroad
{
    public const string Policy = Policies.Refer;

    public sealed record Request(Guid CaseId, Guid PeerId, Guid ConsentId, TrmPhase Phase, IReadOnlyList<ServiceType> Services, string? ReturnRiskAssessment = null);

    public static async Task<Results<Created<ConversationView>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, SigurDb db, CurrentUser user, TimeProvider clock, Outbox outbox, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (request.Services is null || request.Services.Count == 0 || request.Services.Any(s => !Enum.IsDefined(s)))
            errors["services"] = ["Name at least one known service."];
        if (!Enum.IsDefined(request.Phase)) errors["phase"] = ["A TRM phase."];
        if (request.ReturnRiskAssessment is { Length: > 4000 }) errors["returnRiskAssessment"] = ["At most 4000 characters."];
        var peer = await db.Set<Peer>().Include(p => p.Keys).SingleOrDefaultAsync(p => p.Id == request.PeerId, ct);
        if (peer is null || !peer.AllowedOrganisationIds.Contains(user.OrganisationId!.Value))
            errors["peerId"] = ["A peer country your organisation may send cases to."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var c = await db.Held<Case>().Include(x => x.Person).SingleOrDefaultAsync(x => x.Id == request.CaseId, ct);
        if (c?.Person is null) return Problems.NotFound();
        var consent = await db.Held<Consent>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.ConsentId && x.CaseId == c.Id, ct);
        if (consent is null || !consent.Covers(peer!.OrganisationId, now))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Consent required",
                detail: "No consent in force for this case names this country. Record the consent first.");
        if (await db.Set<Conversation>().AnyAsync(x => x.CaseId == c.Id && x.PeerId == peer.Id && x.Side == ConversationSide.Outgoing
                                                       && (x.Status == ConversationStatus.Requested || x.Status == ConversationStatus.Accepted), ct))
            return Problems.Conflict("The case was already referred to this country.");

        var signing = await outbox.SigningKeyAsync(db, now, ct);
        var conversation = new Conversation
        {
            PeerId = peer.Id, OrganisationId = c.OrganisationId, CaseId = c.Id, Side = ConversationSide.Outgoing, CaseReference = c.Reference,
            Phase = request.Phase, Services = [.. request.Services!.Distinct()], ConsentId = consent.Id, StartedAt = now,
        };
        db.Add(conversation);
        var content = ReferralContent.From(c, c.Person, conversation.Services, consent.DataGroups, request.ReturnRiskAssessment, DateOnly.FromDateTime(now));
        if (outbox.Add(db, signing, peer, conversation, TrmAction.Refer, null, now, referral: content) is null)
            return Problems.Conflict("The peer has no valid encryption key: register its current key first.");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cross-border/conversations/{conversation.Id}", ConversationView.From(conversation, peer));
    }
}

/// <summary>A cross-border case as its side sees it: references, phase, services and status, no personal data.</summary>
public sealed record ConversationView(
    Guid Id, Guid PeerId, string Country, ConversationSide Side, Guid CaseId, string CaseReference, string PeerCaseReference, TrmPhase Phase,
    IReadOnlyList<ServiceType> Services, ConversationStatus Status, DateTime StartedAt, DateTime? AnsweredAt, long Version)
{
    public static ConversationView From(Conversation c, Peer peer) => new(c.Id, c.PeerId, peer.Country, c.Side, c.CaseId, c.CaseReference, c.PeerCaseReference,
        c.Phase, c.Services, c.Status, c.StartedAt, c.AnsweredAt, c.Version);
}
