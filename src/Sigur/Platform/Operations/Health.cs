using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sigur.Data;
using Sigur.Platform.Audit;

namespace Sigur.Platform.Operations;

/// <summary>
/// What <c>/health/ready</c> asks: can Sigur serve a request now? Each check answers only healthy or not, with a
/// description naming the part (never a record, a key or a connection string); the endpoint itself writes only the word
/// Healthy, Degraded or Unhealthy.
/// </summary>
public static class Health
{
    public const string Ready = "ready";

    /// <summary>The database answers a query.</summary>
    public sealed class Database(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SigurDb>().Database.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }

    /// <summary>The key ring has a current key and the field key is unsealed: encrypted fields can be read and written.</summary>
    public sealed class KeyRing(IKeyManager keys, FieldProtection fields, TimeProvider clock) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            var now = clock.GetUtcNow();
            if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
                return Task.FromResult(HealthCheckResult.Unhealthy("The key ring has no current key."));
            try { _ = fields.CurrentKeyId; }
            catch (InvalidOperationException) { return Task.FromResult(HealthCheckResult.Unhealthy("No field key is unsealed.")); }
            return Task.FromResult(HealthCheckResult.Healthy());
        }
    }

    /// <summary>The audit writer runs and its last batch was written: every audited request waits for it.</summary>
    public sealed class AuditWriting(AuditWriter writer) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(writer.ExecuteTask is null or { IsCompleted: true }
                ? HealthCheckResult.Unhealthy("The audit writer is not running.")
                : writer.LastBatchFailed
                    ? HealthCheckResult.Unhealthy("The audit writer's last batch could not be written.")
                    : HealthCheckResult.Healthy());
    }
}
