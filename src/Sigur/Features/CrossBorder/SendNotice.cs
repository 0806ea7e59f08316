using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// A coordinator sends a regional notice to all peers at once: one package per peer, written with the notice in one
/// transaction. It must hold no personal data: it goes to every peer and is shown to all their coordinators.
/// </summary>
public static class SendNotice
{
    public const string Policy = Policies.CrossBorder;

    public sealed record Request(string Title, string Text);

    public sealed record NoticeView(Guid Id, bool Received, string Country, string Title, string Text, DateTime At)
    {
        public static NoticeView From(RegionalNotice n) => new(n.Id, n.Received, n.Country, n.Title, n.Text, n.At);
    }

    public static async Task<Results<Created<NoticeView>, ValidationProblem, ProblemHttpResult>> Handle(
        Request request, SigurDb db, TimeProvider clock, Outbox outbox, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 200) errors["title"] = ["A title of at most 200 characters."];
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Trim().Length > 4000) errors["text"] = ["A text of at most 4000 characters."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var signing = await outbox.SigningKeyAsync(db, now, ct);
        var content = new NoticeContent(request.Title.Trim(), request.Text.Trim());
        var notice = new RegionalNotice { Country = outbox.Country, Title = content.Title, Text = content.Text, At = now };
        db.Add(notice);
        foreach (var peer in await db.Set<Peer>().AsNoTracking().Include(p => p.Keys).ToListAsync(ct))
            outbox.AddNotice(db, signing, peer, content, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/cross-border/notices/{notice.Id}", NoticeView.From(notice));
    }

    /// <summary>The notices sent and received, newest first.</summary>
    public static async Task<Ok<List<NoticeView>>> List(SigurDb db, CancellationToken ct) =>
        TypedResults.Ok((await db.Set<RegionalNotice>().AsNoTracking().OrderByDescending(n => n.At).Take(100).ToListAsync(ct)).Select(NoticeView.From).ToList());
}
