using System.Diagnostics;
using Sigur.Matching.Pprl;

namespace Sigur.Bench.Pprl;

/// <summary>
/// All-pairs Dice at scale: `e2e pprl-dice [A] [B] [threshold] [portable]` (default 20000 × 200000, 0.7) on
/// 1024-bit random-ish CLKs, once with spread popcounts (real CLKs; bounds prune) and once with
/// equal densities (nothing to prune: the raw kernel), for each kernel this CPU has.
/// </summary>
public sealed class PprlDiceRun : IEndToEndRun
{
    public string Name => "pprl-dice";

    public Task<int> RunAsync(string[] args)
    {
        var countA = args.Length > 0 ? int.Parse(args[0]) : 20_000;
        var countB = args.Length > 1 ? int.Parse(args[1]) : 200_000;
        var threshold = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 0.7;
        var withPortable = args.Contains("portable"); // the portable kernel takes minutes at full size

        Console.WriteLine($"Dice {countA:N0} × {countB:N0} CLKs of 1024 bits, threshold {threshold}, {Environment.ProcessorCount} cores");
        Console.WriteLine();
        // Wall-clock rates suffer when other processes share the machine; per-CPU-second rates do not
        // (much), and times the core count give what an otherwise idle machine would do.
        Console.WriteLine("| data | kernel | wall s | CPU s | nominal comparisons/s (wall) | computed comparisons per CPU-s | × cores | candidates |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (label, min, max) in new[] { ("densities 0.2–0.7 (pruning)", 0.2, 0.7), ("density 0.45 (no pruning)", 0.45, 0.45) })
        {
            var a = PprlSyntheticClks.Generate(countA, 128, min, max, seed: 1);
            var b = PprlSyntheticClks.Generate(countB, 128, min, max, seed: 2);
            using var index = new DiceIndex(b);
            DiceKernel[] kernels = index.BestKernel == DiceKernel.Portable ? [DiceKernel.Portable]
                : withPortable ? [DiceKernel.Avx512BitSliced, DiceKernel.Avx512, DiceKernel.Portable] : [DiceKernel.Avx512BitSliced, DiceKernel.Avx512];
            foreach (var kernel in kernels)
            {
                index.FindCandidates(PprlSyntheticClks.Generate(256, 128, min, max, seed: 3), threshold, kernel); // warm up the JIT
                var process = Process.GetCurrentProcess();
                var cpuBefore = process.TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var found = index.FindCandidates(a, threshold, kernel);
                var seconds = clock.Elapsed.TotalSeconds;
                process.Refresh();
                var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
                Console.WriteLine($"| {label} | {kernel} | {seconds:F2} | {cpuSeconds:F2} | {found.ComparisonsNominal / seconds:N0} | {found.ComparisonsComputed / cpuSeconds:N0} | {found.ComparisonsComputed / cpuSeconds * Environment.ProcessorCount:N0} | {found.Pairs.Length:N0} |");
            }
        }
        return Task.FromResult(0);
    }
}
