using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>The organisation's cross-border cases, both ways, newest first (the organisation filter keeps others' out).</summary>
public static class ListConversations
{
    public const string Policy = Policies.SignedIn;

    public static async Task<Ok<List<ConversationView>>> Handle(SigurDb db, CancellationToken ct)
    {
        var peers = await db.Set<Peer>().AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
        var conversations = await db.Set<Conversation>().AsNoTracking().OrderByDescending(c => c.StartedAt).Take(500).ToListAsync(ct);
        return TypedResults.Ok(conversations.Select(c => ConversationView.From(c, peers[c.PeerId])).ToList());
    }
}
