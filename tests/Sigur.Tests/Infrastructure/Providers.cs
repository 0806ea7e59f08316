namespace Sigur.Tests.Infrastructure;

/// <summary>
/// Every data test runs on both providers: `[Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]`.
/// PostgreSQL tests skip only where PostgreSQL is not installed, and never in CI (CI=true): there they fail.
/// </summary>
public static class Providers
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static TheoryData<string> Both => new(Sqlite, Postgres);

    public static void RequireAvailable(string provider)
    {
        if (provider != Postgres) return;
        var reason = PostgresCluster.Shared.Unavailable;
        if (reason is null) return;
        if (IsCi) Assert.Fail("PostgreSQL tests must run in CI: " + reason);
        Assert.Skip(reason);
    }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}
