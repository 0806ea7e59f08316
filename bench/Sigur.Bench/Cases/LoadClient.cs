using System.Diagnostics;
using System.Net.Http.Headers;

namespace Sigur.Bench.Cases;

/// <summary>
/// A closed-loop load client: N concurrent loops over one HttpClient (one connection each), each sending its next
/// request as soon as the previous answer is fully read, for a fixed duration. Latencies of every request are kept
/// and sorted for exact percentiles.
/// </summary>
public sealed class LoadClient : IDisposable
{
    private readonly HttpClient _http;

    public LoadClient(Uri baseAddress, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>What a phase sends: one of the paths at random, and for a POST one of the JSON bodies at random.</summary>
    public sealed record Workload(string Name, HttpMethod Method, string[] Paths, string[]? JsonBodies, string? Bearer)
    {
        public HttpRequestMessage Next(Random random)
        {
            var request = new HttpRequestMessage(Method, Paths[random.Next(Paths.Length)]);
            if (JsonBodies is { } bodies) request.Content = new StringContent(bodies[random.Next(bodies.Length)], System.Text.Encoding.UTF8, "application/json");
            if (Bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bearer);
            return request;
        }
    }

    /// <summary>Latencies in milliseconds.</summary>
    public sealed record Result(string Name, long Requests, long Errors, double Seconds, double P50, double P95, double P99, string? FirstError)
    {
        public long Succeeded => Requests - Errors;
        public double RequestsPerSecond => Succeeded / Seconds;
    }

    /// <summary>Runs <paramref name="loops"/> loops for <paramref name="duration"/>, each sending the workload's next request.</summary>
    public async Task<Result> RunAsync(Workload workload, int loops, TimeSpan duration)
    {
        var name = workload.Name;
        var clock = Stopwatch.StartNew();
        var stopAt = duration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;
        var perLoop = new List<long>[loops];
        var errors = new long[loops];
        string? firstError = null;
        var tasks = Enumerable.Range(0, loops).Select(i => Task.Run(async () =>
        {
            var random = new Random(i * 7919 + name.Length);
            var latencies = perLoop[i] = new List<long>(65536);
            var buffer = new byte[64 * 1024];
            while (clock.ElapsedTicks < stopAt)
            {
                using var request = workload.Next(random);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                    await using var body = await response.Content.ReadAsStreamAsync();
                    while (await body.ReadAsync(buffer) > 0) { }
                    if (!response.IsSuccessStatusCode)
                    {
                        errors[i]++;
                        firstError ??= $"{(int)response.StatusCode} {request.RequestUri}";
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                {
                    errors[i]++;
                    firstError ??= ex.GetType().Name + ": " + ex.Message;
                }
                latencies.Add(Stopwatch.GetTimestamp() - start);
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = perLoop.SelectMany(l => l).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(all);
        double Percentile(double q) => all.Length == 0 ? double.NaN : all[Math.Clamp((int)Math.Ceiling(q * all.Length) - 1, 0, all.Length - 1)];
        return new Result(name, all.Length, errors.Sum(), seconds, Percentile(0.50), Percentile(0.95), Percentile(0.99), firstError);
    }

    public HttpClient Http => _http;

    public void Dispose() => _http.Dispose();
}
