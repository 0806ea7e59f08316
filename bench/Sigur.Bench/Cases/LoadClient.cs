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

    public sealed record Result(string Name, long Requests, long Errors, double Seconds, double[] SortedMilliseconds, string? FirstError)
    {
        public long Succeeded => Requests - Errors;
        public double RequestsPerSecond => Succeeded / Seconds;
        public double Percentile(double q) =>
            SortedMilliseconds.Length == 0 ? double.NaN : SortedMilliseconds[Math.Clamp((int)Math.Ceiling(q * SortedMilliseconds.Length) - 1, 0, SortedMilliseconds.Length - 1)];
    }

    /// <summary>Runs <paramref name="loops"/> loops for <paramref name="duration"/>; <paramref name="next"/> makes each request.</summary>
    public async Task<Result> RunAsync(string name, int loops, TimeSpan duration, Func<Random, HttpRequestMessage> next, string? bearer)
    {
        var auth = bearer is null ? null : new AuthenticationHeaderValue("Bearer", bearer);
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
                using var request = next(random);
                request.Headers.Authorization = auth;
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
        return new Result(name, all.Length, errors.Sum(), seconds, all, firstError);
    }

    public HttpClient Http => _http;

    public void Dispose() => _http.Dispose();
}
