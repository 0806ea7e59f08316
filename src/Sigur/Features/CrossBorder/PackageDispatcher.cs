using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.CrossBorder;

/// <summary>
/// Sends what the outbox holds until each package's signed receipt comes back: the oldest undelivered package of each
/// conversation first (so a peer applies them in order), again after a failure with exponential backoff and jitter
/// (a peer that was down is not met by every sender at the same instant when it comes back). Just before sending,
/// the consent is checked again: a package whose consent was withdrawn never leaves. Several instances of Sigur may
/// dispatch from one database: each claims a package with a conditional update before sending it.
/// </summary>
public sealed class PackageDispatcher(IServiceScopeFactory scopes, IHttpClientFactory http, CrossBorderSettings settings, TimeProvider clock,
    ILogger<PackageDispatcher> log) : BackgroundService
{
    public const string HttpClientName = "trm";
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Something new is in the outbox: look now rather than at the next poll.</summary>
    public void Wake()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already woken
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchDueAsync(stoppingToken) > 0) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError("Cross-border dispatch failed: {Error}", e.GetType().Name); // the type only: a message could carry a value
            }
            try { await _wake.WaitAsync(TimeSpan.FromSeconds(settings.PollSeconds), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>One round: every due package that is first in its conversation. Returns how many were attempted.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        var pending = await db.Set<OutgoingPackage>().AsNoTracking().Where(p => p.Status == OutgoingStatus.Pending)
            .Select(p => new { p.Id, p.ConversationId, p.Sequence, p.NextAttemptAt }).ToListAsync(ct);
        var due = pending.GroupBy(p => p.ConversationId).Select(g => g.MinBy(p => p.Sequence)!).Where(p => p.NextAttemptAt <= now).Take(50).ToList();
        var attempted = 0;
        foreach (var p in due)
        {
            // The claim: whoever moves the next attempt first sends it; a crash mid-send leaves it due again after the lease.
            var lease = now.AddSeconds(Math.Max(60, settings.RetryMaxSeconds));
            if (await db.Set<OutgoingPackage>().Where(x => x.Id == p.Id && x.Status == OutgoingStatus.Pending && x.NextAttemptAt == p.NextAttemptAt)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.NextAttemptAt, lease), ct) == 0) continue;
            attempted++;
            await SendAsync(scope.ServiceProvider, p.Id, ct);
        }
        return attempted;
    }

    private async Task SendAsync(IServiceProvider services, Guid id, CancellationToken ct)
    {
        var db = services.GetRequiredService<SigurDb>();
        var audit = services.GetRequiredService<Platform.Audit.Audit>();
        db.ChangeTracker.Clear();
        var package = await db.Set<OutgoingPackage>().SingleAsync(p => p.Id == id, ct);
        var peer = await db.Set<Peer>().AsNoTracking().Include(p => p.Keys).SingleAsync(p => p.Id == package.PeerId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        package.Attempts++;
        package.LastAttemptAt = now;

        if (package.ExpiresAt <= now) Finish(db, audit, package, OutgoingStatus.Expired, "expired before delivery");
        else if (package.ConsentId is { } consentId && !await ConsentStandsAsync(db, consentId, peer, now, ct))
            Finish(db, audit, package, OutgoingStatus.Withheld, "the consent is no longer in force: not sent");
        else
        {
            var (receipt, signed, error) = await PostAsync(peer, package.Token, now, ct);
            if (receipt is null)
            {
                Retry(package, now, error!);
                if (package.Attempts == CrossBorderNotices.StuckAttempts)
                {
                    var conversation = await db.Set<Conversation>().IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == package.ConversationId, ct);
                    CrossBorderNotices.Stuck(services.GetRequiredService<Platform.Notifications.Notifier>(), conversation.OrganisationId, peer.Country, conversation.CaseReference, package.Attempts);
                }
            }
            else if (receipt.Status is ReceiptStatus.Received or ReceiptStatus.Duplicate)
            {
                package.Status = OutgoingStatus.Delivered;
                package.DeliveredAt = now;
                package.Receipt = signed!;
                package.LastError = "";
                db.AuditWithNextSave(audit.New(AuditAction.PackageSent, nameof(OutgoingPackage), package.Id.ToString(), [],
                    $"{package.Action} to {peer.Country}, receipt {receipt.Status}"));
            }
            else if (receipt.Status == ReceiptStatus.RetryLater) Retry(package, now, "the peer asks to send again later: " + receipt.Error);
            else
            {
                package.Receipt = signed!;
                Finish(db, audit, package, OutgoingStatus.Refused, "refused by the peer: " + receipt.Error);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<(Receipt? Receipt, string? Signed, string? Error)> PostAsync(Peer peer, string token, DateTime now, CancellationToken ct)
    {
        try
        {
            using var content = new StringContent(token);
            content.Headers.ContentType = new MediaTypeHeaderValue(TrmPackage.MediaType);
            using var response = await http.CreateClient(HttpClientName).PostAsync(peer.InboxUrl, content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            // Only a receipt signed by the peer, for exactly these bytes, says anything; everything else is a failed attempt.
            var kid = TrmPackage.KeyId(body);
            var key = peer.Keys.FirstOrDefault(k => k.Use == KeyUse.Signing && k.Kid == kid && k.IsValidAt(now));
            var receipt = key is null ? null : TrmPackage.Verify<Receipt>(body, key.Jwk);
            if (receipt is null || receipt.PackageDigest != TrmPackage.Digest(token) || receipt.From != peer.Country)
                return (null, null, $"no valid signed receipt (HTTP {(int)response.StatusCode})");
            return (receipt, body, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return (null, null, "the peer could not be reached: " + e.GetType().Name);
        }
    }

    private static async Task<bool> ConsentStandsAsync(SigurDb db, Guid consentId, Peer peer, DateTime now, CancellationToken ct)
    {
        var consent = await db.Set<Consent>().IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(c => c.Id == consentId, ct);
        return consent is not null && consent.Covers(peer.OrganisationId, now);
    }

    private void Retry(OutgoingPackage package, DateTime now, string error)
    {
        // Exponential backoff with "equal jitter": half the step fixed, half random.
        var step = Math.Min(settings.RetryMaxSeconds, settings.RetryBaseSeconds * Math.Pow(2, Math.Min(package.Attempts - 1, 30)));
        package.NextAttemptAt = now.AddSeconds(step / 2 + Random.Shared.NextDouble() * step / 2);
        package.LastError = error.Length <= 500 ? error : error[..500];
    }

    private static void Finish(SigurDb db, Platform.Audit.Audit audit, OutgoingPackage package, OutgoingStatus status, string error)
    {
        package.Status = status;
        package.LastError = error.Length <= 500 ? error : error[..500];
        db.AuditWithNextSave(audit.New(AuditAction.PackageRefused, nameof(OutgoingPackage), package.Id.ToString(), [], error));
    }
}
