using System.Reflection;
using Xunit.Sdk;
using Xunit.v3;

namespace Sigur.Tests.Infrastructure;

/// <summary>
/// Runs a theory once on SQLite and once on PostgreSQL. A theory whose parameter is a host (a <see cref="TestApp"/>,
/// or whatever a <see cref="HostPool{T}"/> of its class holds) gets that provider's host from the pool, started once
/// per class; a theory whose parameter is a string gets the provider's name and starts what it needs itself.
/// The PostgreSQL row is skipped only where PostgreSQL is not installed, and fails in CI (CI=true).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothProvidersAttribute : DataAttribute
{
    public override async ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var parameter = testMethod.GetParameters().Single().ParameterType;
        var rows = new List<ITheoryDataRow>();
        foreach (var provider in Providers.All)
        {
            var unavailable = Providers.Unavailable(provider);
            if (unavailable is not null)
            {
                rows.Add(new TheoryDataRow(parameter == typeof(string) ? provider : null) { Skip = unavailable, Label = provider });
                continue;
            }
            var argument = parameter == typeof(string) ? provider : await HostAsync(testMethod, parameter, provider);
            rows.Add(new TheoryDataRow(argument) { Label = provider });
        }
        return rows;
    }

    private static async Task<object> HostAsync(MethodInfo testMethod, Type hostType, string provider)
    {
        var poolType = typeof(HostPool<>).MakeGenericType(hostType);
        var fixtureType = testMethod.ReflectedType!.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
            .Select(i => i.GetGenericArguments()[0])
            .SingleOrDefault(poolType.IsAssignableFrom)
            ?? throw new InvalidOperationException($"{testMethod.ReflectedType!.Name} must declare IClassFixture<…> of a HostPool<{hostType.Name}> for [BothProviders] to hand it a {hostType.Name}.");
        var pool = await TestContext.Current.GetFixture(fixtureType)
            ?? throw new InvalidOperationException($"xunit did not create the class fixture {fixtureType.Name}.");
        var task = (Task)poolType.GetMethod(nameof(HostPool<TestApp>.GetAsync))!.Invoke(pool, [provider])!;
        await task;
        return task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task)!;
    }

    // The hosts are made when the theory runs, not when tests are discovered (and a host cannot be serialised).
    public override bool SupportsDiscoveryEnumeration() => false;
}
