namespace Sigur.Matching.Tests;

/// <summary>
/// The public data sets: the copies in the repository (tests/data) first, else the team's shared data folder beside
/// the clone (../shared/data from the folder holding Sigur.slnx).
/// </summary>
internal static class SharedData
{
    public static string Path(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Sigur.slnx"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Sigur.slnx not found above " + AppContext.BaseDirectory);
        var path = System.IO.Path.Combine([dir.FullName, "tests", "data", .. parts]);
        if (!File.Exists(path)) path = System.IO.Path.GetFullPath(System.IO.Path.Combine([dir.FullName, "..", "shared", "data", .. parts]));
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException("Shared data missing: " + path);
        return path;
    }

    /// <summary>(list, name) rows of names/balkan_names.csv.</summary>
    public static IReadOnlyList<(string List, string Name)> BalkanNames()
    {
        return File.ReadLines(Path("names", "balkan_names.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Where(p => p.Length == 4 && p[3].Length > 0)
            .Select(p => (p[2], p[3]))
            .ToList();
    }
}
