using System.CommandLine;
using Sigur.Features.Duplicates;

namespace Sigur.Matching.Tests.Pprl;

/// <summary>Runs `sigur pprl …` in-process, capturing standard error.</summary>
internal static class PprlCommandRunner
{
    public static async Task<(int ExitCode, string Error)> Run(params string[] args)
    {
        var error = new StringWriter();
        var output = new StringWriter();
        var root = new RootCommand { PprlCommands.Build() };
        var exitCode = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Error = error, Output = output }, Xunit.TestContext.Current.CancellationToken);
        return (exitCode, error.ToString());
    }

    /// <summary>Reads the rec_id column (the first) of a data CSV, trimmed.</summary>
    public static string[] RecordIds(string csvPath) =>
        File.ReadLines(csvPath).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[0].Trim()).ToArray();

    /// <summary>Reads index_a,index_b,score.</summary>
    public static List<(int A, int B, double Score)> ReadPairs(string path)
    {
        var lines = File.ReadAllLines(path);
        Xunit.Assert.Equal("index_a,index_b,score", lines[0]);
        return lines.Skip(1).Select(l => l.Split(',')).Select(p => (int.Parse(p[0]), int.Parse(p[1]), double.Parse(p[2], System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    public static (double Precision, double Recall, double F1) Quality(int truePositives, int predicted, int actual)
    {
        var precision = predicted == 0 ? 0 : (double)truePositives / predicted;
        var recall = actual == 0 ? 0 : (double)truePositives / actual;
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        return (precision, recall, f1);
    }
}
