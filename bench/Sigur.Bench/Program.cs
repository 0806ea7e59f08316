using System.Reflection;
using BenchmarkDotNet.Running;

namespace Sigur.Bench;

/// <summary>
/// Two kinds of benchmark live here: BenchmarkDotNet classes (micro-benchmarks), and end-to-end runs
/// (load and scale: a whole command or a server under many clients). `dotnet run -c Release --project bench/Sigur.Bench -- e2e NAME [args]`
/// runs an end-to-end run; anything else goes to BenchmarkSwitcher (`-- --filter '*Dice*'`).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "e2e")
        {
            var runs = typeof(Program).Assembly.GetTypes()
                .Where(t => typeof(IEndToEndRun).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                .Select(t => (IEndToEndRun)Activator.CreateInstance(t)!)
                .ToDictionary(r => r.Name, StringComparer.OrdinalIgnoreCase);
            if (args.Length < 2 || !runs.TryGetValue(args[1], out var run))
            {
                Console.Error.WriteLine("end-to-end runs: " + string.Join(", ", runs.Keys.Order()));
                return 2;
            }
            return await run.RunAsync(args[2..]);
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

/// <summary>An end-to-end benchmark: prints its figures as a Markdown table on standard output.</summary>
public interface IEndToEndRun
{
    string Name { get; }
    Task<int> RunAsync(string[] args);
}
