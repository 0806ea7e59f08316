using System.Collections.Concurrent;

namespace Sigur.Tests.Infrastructure;

/// <summary>
/// One host per provider for a whole test class (a class fixture): starting a host migrates a fresh database, which
/// is worth doing once per class, not once per test. Tests stay independent by creating their own organisations.
/// <see cref="BothProvidersAttribute"/> hands a theory its host from the pool its class declares.
/// </summary>
public abstract class HostPool<T>(Func<string, Task<T>> start) : IAsyncDisposable where T : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _hosts = new();

    public Task<T> GetAsync(string provider)
    {
        Providers.RequireAvailable(provider);
        return _hosts.GetOrAdd(provider, p => new Lazy<Task<T>>(() => start(p))).Value;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts.Values.Where(h => h.IsValueCreated))
        {
            try { await (await host.Value).DisposeAsync(); } catch (Exception) { /* a host that failed to start has nothing to dispose */ }
        }
    }
}

/// <summary>Plain hosts: see <see cref="HostPool{T}"/>.</summary>
public sealed class AppPool() : HostPool<TestApp>(provider => TestApp.StartAsync(provider));
