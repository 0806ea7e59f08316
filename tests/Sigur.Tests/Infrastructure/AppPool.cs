using System.Collections.Concurrent;

namespace Sigur.Tests.Infrastructure;

/// <summary>
/// One host per provider for a whole test class (a class fixture): starting a host migrates a fresh database, which
/// is worth doing once per class, not once per test. Tests stay independent by creating their own organisations.
/// </summary>
public sealed class AppPool : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TestApp>>> _apps = new();

    public Task<TestApp> GetAsync(string provider)
    {
        Providers.RequireAvailable(provider);
        return _apps.GetOrAdd(provider, p => new Lazy<Task<TestApp>>(() => TestApp.StartAsync(p))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            try { await (await app.Value).DisposeAsync(); } catch (Exception) { /* a host that failed to start has nothing to dispose */ }
        }
    }
}
