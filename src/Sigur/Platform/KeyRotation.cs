using System.Reflection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Audit;

namespace Sigur.Platform;

/// <summary>
/// `sigur keys rotate`: creates a new Data Protection key, makes it the default at once, and re-encrypts every
/// protected value under it. Old keys stay in the ring (sealed by the KEK) so backups remain readable.
/// </summary>
public static class KeyRotation
{
    public sealed record Outcome(Guid NewKeyId, int Records);

    public static async Task<Outcome> RotateAsync(IServiceProvider services, IProgress<int>? progress, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var keys = services.GetRequiredService<IKeyManager>();
        var key = keys.CreateNewKey(activationDate: now, expirationDate: now + KeyRingWarden.KeyLifetime);
        // The key ring is cached; make sure the new key is the one new values are written under before re-encrypting.
        var protection = services.GetRequiredService<FieldProtection>();
        for (var attempt = 0; FieldProtection.KeyIdOf(protection.Protect("probe")) != key.KeyId; attempt++)
        {
            if (attempt == 50) throw new InvalidOperationException("The new key did not become the default key.");
            await Task.Delay(100, ct);
        }

        var total = 0;
        total += await ReencryptAsync<Features.Cases.Person>(services, progress, total, ct);
        total += await ReencryptAsync<Features.Cases.Case>(services, progress, total, ct);

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Audit.Audit>()
            .EventAsync(AuditActions.KeyRotation, reason: $"new key {key.KeyId}; {total} records re-encrypted");
        return new Outcome(key.KeyId, total);
    }

    private static async Task<int> ReencryptAsync<T>(IServiceProvider services, IProgress<int>? progress, int offset, CancellationToken ct) where T : class
    {
        var sensitive = typeof(T).GetProperties().Where(p => p.GetCustomAttribute<SensitiveAttribute>() is not null).Select(p => p.Name).ToArray();
        var count = 0;
        var lastId = Guid.Empty;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
            var batch = await db.Set<T>().IgnoreQueryFilters()
                .Where(e => EF.Property<Guid>(e, "Id").CompareTo(lastId) > 0)
                .OrderBy(e => EF.Property<Guid>(e, "Id")).Take(1000).ToListAsync(ct);
            if (batch.Count == 0) return count;
            foreach (var entity in batch)
                foreach (var name in sensitive)
                    db.Entry(entity).Property(name).IsModified = true;
            await db.SaveChangesAsync(ct);
            lastId = (Guid)db.Entry(batch[^1]).Property("Id").CurrentValue!;
            count += batch.Count;
            progress?.Report(offset + count);
        }
    }
}
