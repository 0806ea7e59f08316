using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Platform.Web;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// The receiving coordinator's office accepts or declines a referral from abroad; the answer goes back to the peer
/// in a package written with the change. Once accepted, the office refers the case on within the country as usual.
/// </summary>
public static class AnswerReferral
{
    public const string Policy = Policies.CrossBorder;

    public sealed record Request(long Version, string? Reason = null);

    public static Task<Results<Ok<ConversationView>, ValidationProblem, ProblemHttpResult>> Accept(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, Outbox outbox, CancellationToken ct) =>
        AnswerAsync(id, request, true, db, clock, outbox, ct);

    public static Task<Results<Ok<ConversationView>, ValidationProblem, ProblemHttpResult>> Decline(
        Guid id, Request request, SigurDb db, CurrentUser user, TimeProvider clock, Outbox outbox, CancellationToken ct) =>
        AnswerAsync(id, request, false, db, clock, outbox, ct);

    private static async Task<Results<Ok<ConversationView>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        Guid id, Request request, bool accept, SigurDb db, TimeProvider clock, Outbox outbox, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!accept && (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Give the reason in at most 1000 characters."] });
        // The organisation filter: only the receiving office finds the conversation; to everyone else it does not exist.
        var conversation = await db.Set<Conversation>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null) return Problems.NotFound();
        if (conversation.Version != request.Version) return Problems.Conflict();
        var signing = await outbox.SigningKeyAsync(db, now, ct);
        if (conversation.Answer(accept, request.Reason?.Trim() ?? "", now) is { } refusal) return refusal.Problem();
        var peer = await db.Set<Peer>().AsNoTracking().Include(p => p.Keys).SingleAsync(p => p.Id == conversation.PeerId, ct);
        var referral = await db.Set<IncomingPackage>().AsNoTracking()
            .Where(p => p.ConversationId == id && p.Action == TrmAction.Refer && p.Status == IncomingStatus.Applied).Select(p => p.MessageId).SingleOrDefaultAsync(ct);
        var answer = new AnswerContent(conversation.CaseReference, accept ? null : conversation.DeclineReason);
        if (outbox.Add(db, signing, peer, conversation, accept ? TrmAction.Accept : TrmAction.Decline, referral, now, answer: answer) is null)
            return Problems.Conflict("The peer has no valid encryption key: register its current key first.");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict();
        }
        return TypedResults.Ok(ConversationView.From(conversation, peer));
    }
}
