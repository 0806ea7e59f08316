using System.Reflection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform.Audit;

namespace Sigur.Platform;

/// <summary>
/// `sigur keys rotate`: creates a new Data Protection key and makes it the default at once, seals a new field key
/// under it, and re-encrypts every protected value of every entity under that field key. Old keys stay (sealed by the
/// KEK) so backups remain readable.
/// </summary>
public static class KeyRotation
{
    public sealed record Outcome(Guid NewKeyId, int Records);

    public static async Task<Outcome> RotateAsync(IServiceProvider services, IProgress<int>? progress, CancellationToken ct)
    {
        var clock = services.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();
        var keys = services.GetRequiredService<IKeyManager>();
        var ringKey = keys.CreateNewKey(activationDate: now, expirationDate: now + KeyRingWarden.KeyLifetime);
        // The key ring is cached; make sure the new key is the one the field key is sealed under before re-encrypting.
        var protection = services.GetRequiredService<FieldProtection>();
        for (var attempt = 0; protection.SealingKeyId != ringKey.KeyId; attempt++)
        {
            if (attempt == 50) throw new InvalidOperationException("The new key did not become the default key.");
            await Task.Delay(100, ct);
        }
        var fieldKey = protection.NewKey();

        var total = 0;
        foreach (var type in EncryptedTypes(services))
            total += await (Task<int>)Reencrypt.MakeGenericMethod(type).Invoke(null, [services, progress, total, ct])!;
        total += await ReencryptTokensAsync(services, ct);

        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Audit.Audit>()
            .EventAsync(AuditAction.KeyRotation, reason: $"new key {ringKey.KeyId}, field key {fieldKey}; {total} records re-encrypted");
        return new Outcome(fieldKey, total);
    }

    /// <summary>Every entity type with a [Sensitive] property, from the model: a feature that adds one is covered without a line here.</summary>
    public static IReadOnlyList<Type> EncryptedTypes(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        return [.. scope.ServiceProvider.GetRequiredService<SigurDb>().Model.GetEntityTypes()
            .Where(e => e.GetProperties().Any(p => p.PropertyInfo?.GetCustomAttribute<SensitiveAttribute>() is not null))
            .Select(e => e.ClrType).OrderBy(t => t.FullName, StringComparer.Ordinal)];
    }

    /// <summary>Identity's tokens (authenticator keys, recovery codes): encrypted by SigurDb though not [Sensitive]; a few per user.</summary>
    private static async Task<int> ReencryptTokensAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        var tokens = await db.UserTokens.ToListAsync(ct);
        foreach (var token in tokens) db.Entry(token).Property(t => t.Value).IsModified = true;
        await db.SaveChangesAsync(ct);
        return tokens.Count;
    }

    private static readonly MethodInfo Reencrypt = typeof(KeyRotation).GetMethod(nameof(ReencryptAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

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
