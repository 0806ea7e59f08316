using System.Diagnostics;
using Sigur.Matching.Pprl;

namespace Sigur.Bench.Pprl;

/// <summary>
/// CLK encoding speed: `e2e pprl-encode [records]` (default 200000) with clkhash's FEBRL schema on
/// FEBRL 4 records, repeated with random one-character typos so the token cache sees realistic
/// variety. Parallel over records with one encoding session per worker, as `sigur pprl encode` does.
/// </summary>
public sealed class PprlEncodeRun : IEndToEndRun
{
    public string Name => "pprl-encode";

    public Task<int> RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 200_000;
        var data = FindSharedData();
        var schema = LinkageSchema.Parse(File.ReadAllText(Path.Combine(data, "pprl", "clkhash_febrl_schema_v3_final.json")));
        var source = File.ReadLines(Path.Combine(data, "febrl", "dataset4a.csv")).Skip(1)
            .Concat(File.ReadLines(Path.Combine(data, "febrl", "dataset4b.csv")).Skip(1))
            .Select(line => line.Split(',').Select(v => v.Trim()).ToArray()).ToArray();
        var random = new Random(42);
        var records = new string[count][];
        for (var i = 0; i < count; i++)
        {
            var record = (string[])source[i % source.Length].Clone();
            var field = 1 + random.Next(2); // a typo in the given name or the surname
            if (record[field].Length > 0)
            {
                var chars = record[field].ToCharArray();
                chars[random.Next(chars.Length)] = (char)('a' + random.Next(26));
                record[field] = new string(chars);
            }
            records[i] = record;
        }

        var encoder = new ClkEncoder(schema, "benchmark secret");
        var clks = new byte[(long)count * encoder.ClkBytes];
        Encode(encoder, records.AsSpan(0, Math.Min(count, 5000)).ToArray(), clks); // warm up the JIT

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        Encode(encoder, records, clks);
        var seconds = clock.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;

        Console.WriteLine($"CLK encoding, clkhash FEBRL schema (1024 bits, doubleHash + blakeHash), {count:N0} records, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        Console.WriteLine("| wall s | CPU s | records/s (wall) | records per CPU-s | × cores |");
        Console.WriteLine("|---:|---:|---:|---:|---:|");
        Console.WriteLine($"| {seconds:F2} | {cpuSeconds:F2} | {count / seconds:N0} | {count / cpuSeconds:N0} | {count / cpuSeconds * Environment.ProcessorCount:N0} |");
        return Task.FromResult(0);
    }

    private static void Encode(ClkEncoder encoder, string[][] records, byte[] clks)
    {
        const int Batch = 1024;
        var bytes = encoder.ClkBytes;
        Parallel.For(0, (records.Length + Batch - 1) / Batch, encoder.CreateSession, (batch, _, session) =>
        {
            var end = Math.Min(records.Length, (batch + 1) * Batch);
            for (var i = batch * Batch; i < end; i++)
                session.Encode(records[i], clks.AsSpan(i * bytes, bytes));
            return session;
        }, static _ => { });
    }

    private static string FindSharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sigur.slnx")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        throw new DirectoryNotFoundException("no Sigur.slnx above " + AppContext.BaseDirectory);
    }
}
