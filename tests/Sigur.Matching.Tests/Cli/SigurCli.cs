using System.CommandLine;
using Sigur.Features.Duplicates;

namespace Sigur.Matching.Tests.Cli;

/// <summary>Runs the match verbs in-process, as `sigur ...` would, capturing both output streams.</summary>
internal static class SigurCli
{
    public static async Task<(int Exit, string Out, string Error)> Run(params string[] args)
    {
        var root = new RootCommand("sigur");
        foreach (var c in MatchCommands.Build()) root.Subcommands.Add(c);
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }
}

/// <summary>Precision, recall and F1 of predicted pairs against true pairs (unordered).</summary>
internal sealed record Quality(long TruePositives, long Predicted, long Actual)
{
    public double Precision => Predicted == 0 ? 0 : (double)TruePositives / Predicted;
    public double Recall => Actual == 0 ? 0 : (double)TruePositives / Actual;
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public static Quality Of(IEnumerable<(string, string)> predicted, IEnumerable<(string, string)> truth, bool ordered = false)
    {
        (string, string) Key((string a, string b) p) => ordered || string.CompareOrdinal(p.a, p.b) < 0 ? p : (p.b, p.a);
        var t = truth.Select(Key).ToHashSet();
        var p = predicted.Select(Key).ToHashSet();
        return new Quality(p.Count(t.Contains), p.Count, t.Count);
    }

    public override string ToString() => $"precision {Precision:0.0000}, recall {Recall:0.0000}, F1 {F1:0.0000} (true positives {TruePositives}, predicted {Predicted}, actual {Actual})";

    /// <summary>Two-column pairs from a CSV with a header (no quoting in these files).</summary>
    public static List<(string, string)> ReadPairs(string path) =>
        File.ReadLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','))
            .Select(p => (p[0].Trim(), p[1].Trim())).ToList();
}
