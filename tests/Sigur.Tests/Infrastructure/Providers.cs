namespace Sigur.Tests.Infrastructure;

/// <summary>
/// Every data test runs on both providers: `[Theory, BothProviders]` (see <see cref="BothProvidersAttribute"/>).
/// PostgreSQL tests skip only where PostgreSQL is not installed, and never in CI (CI=true): there they fail.
/// </summary>
public static class Providers
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static IReadOnlyList<string> All { get; } = [Sqlite, Postgres];

    /// <summary>For theories that cross the providers with other data (`MemberData`); others use [BothProviders].</summary>
    public static TheoryData<string> Both => new(All);

    /// <summary>Why <paramref name="provider"/> cannot run here (null when it can); throws in CI, where everything must run.</summary>
    public static string? Unavailable(string provider)
    {
        if (provider != Postgres) return null;
        var reason = PostgresCluster.Shared.Unavailable;
        if (reason is not null && IsCi) Assert.Fail("PostgreSQL tests must run in CI: " + reason);
        return reason;
    }

    public static void RequireAvailable(string provider)
    {
        if (Unavailable(provider) is { } reason) Assert.Skip(reason);
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
