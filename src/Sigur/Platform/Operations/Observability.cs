using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using OpenTelemetry.Metrics;
using Sigur.Data;
using Sigur.Platform.Audit;

namespace Sigur.Platform.Operations;

/// <summary>
/// What operators see: <c>/health/live</c> (the process answers), <c>/health/ready</c> (database, key ring, audit
/// writer), and <c>/metrics</c> in Prometheus' format through OpenTelemetry — request rates and latencies by route
/// template (ASP.NET Core's own http.server.request.duration), the audit queue depth, and the gauges features add to the meter named <see cref="MeterName"/>
/// (the statistics journal lag).
/// Nothing here names a record: routes are templates, the gauges are counts.
/// </summary>
public static class Observability
{
    /// <summary>Loopback, or the bearer token Operations:MetricsToken: traffic volumes are not for the internet either.</summary>
    public const string MetricsPolicy = "Metrics";
    public const string MeterName = "Sigur";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration config)
    {
        services.AddHealthChecks()
            // Five seconds: a load balancer should see a stopped database as "not ready" well before its own timeout.
            .AddCheck<Health.Database>("database", tags: [Health.Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<Health.KeyRing>("key ring", tags: [Health.Ready], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<Health.AuditWriting>("audit writer", tags: [Health.Ready]);

        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics", MeterName)
            .AddPrometheusExporter());
        services.AddSingleton<SigurMeter>();

        // Behind the TLS front end (deploy/nginx): the client's address for the audit and https for Secure cookies come
        // from its X-Forwarded-* headers — believed from loopback and from Operations:TrustedProxies only.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in (config["Operations:TrustedProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                o.KnownProxies.Add(IPAddress.Parse(proxy));
        });

        var token = config["Operations:MetricsToken"];
        services.AddAuthorizationBuilder().AddPolicy(MetricsPolicy, p => p.RequireAssertion(c =>
            c.Resource is HttpContext http && (IsLoopback(http) || HasToken(http, token))));
        return services;
    }

    public static void MapOperations(this WebApplication app)
    {
        _ = app.Services.GetRequiredService<SigurMeter>(); // creates the gauges
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous().DisableHttpMetrics();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Health.Ready) }).AllowAnonymous().DisableHttpMetrics();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(MetricsPolicy).DisableHttpMetrics();
    }

    private static bool IsLoopback(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip && IPAddress.IsLoopback(ip)
        // Behind the nginx of deploy/, every request comes from loopback: one it forwarded is not the operator's.
        && !http.Request.Headers.ContainsKey("X-Forwarded-For");

    private static bool HasToken(HttpContext http, string? token)
    {
        if (string.IsNullOrEmpty(token)) return false;
        var given = http.Request.Headers.Authorization.ToString();
        return given.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given[7..]), Encoding.UTF8.GetBytes(token));
    }

    /// <summary>Sigur's own instruments.</summary>
    public sealed class SigurMeter
    {
        public SigurMeter(IMeterFactory meters, AuditWriter audit)
        {
            var meter = meters.Create(MeterName);
            meter.CreateObservableGauge("sigur.audit.queue.depth", () => audit.QueueDepth, "{entry}",
                "Audit rows waiting for the writer; each is a request waiting for its answer.");
        }
    }
}
