using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace Sigur.Platform;

/// <summary>
/// Keeps a current data key in the ring. Data Protection would otherwise create keys on demand, in the middle of
/// whatever request first needs one — and on SQLite that request may hold the write lock the key's INSERT needs.
/// So automatic generation is off, and keys are created here: at start-up, before anything is encrypted, and daily
/// ahead of expiry. The field key (see <see cref="FieldProtection"/>) follows: a new one whenever the ring has a new
/// default key, or the current one has encrypted <see cref="FieldProtection.EncryptionsPerKey"/> values.
/// </summary>
public sealed class KeyRingWarden(IKeyManager keys, FieldProtection fields, TimeProvider clock, ILogger<KeyRingWarden> log) : BackgroundService
{
    public static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromDays(14);

    public void EnsureCurrentKey()
    {
        var now = clock.GetUtcNow();
        // Opens every key now: one the key-encryption key cannot open (a restored database started with a new KEK)
        // would otherwise surface later as "no valid default protection key", which names the wrong culprit.
        foreach (var existing in keys.GetAllKeys()) _ = existing.Descriptor;
        var usable = keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now + RenewBefore);
        if (!usable)
        {
            var key = keys.CreateNewKey(activationDate: now, expirationDate: now + KeyLifetime);
            log.LogInformation("Created data key {KeyId}, valid until {Expiry:u}", key.KeyId, key.ExpirationDate);
        }
        fields.EnsureCurrentKey();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { EnsureCurrentKey(); }
            catch (Exception ex) { log.LogError(ex, "Could not renew the data key"); }
        }
    }
}
