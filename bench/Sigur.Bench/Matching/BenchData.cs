namespace Sigur.Bench.Matching;

/// <summary>The shared data folder beside the repository clone (../shared/data from the folder holding Sigur.slnx).</summary>
internal static class BenchData
{
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            var dir = new DirectoryInfo(start);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sigur.slnx"))) dir = dir.Parent;
            if (dir is not null) return dir.FullName;
        }
        throw new InvalidOperationException("Sigur.slnx not found above the current or the program directory");
    }

    public static string Shared(params string[] parts) =>
        Path.GetFullPath(Path.Combine([RepositoryRoot(), "..", "shared", "data", .. parts]));

    public static IReadOnlyList<(string List, string Name)> BalkanNames() =>
        File.ReadLines(Shared("names", "balkan_names.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Where(p => p.Length == 4 && p[3].Length > 0)
            .Select(p => (p[2], p[3]))
            .ToList();
}
