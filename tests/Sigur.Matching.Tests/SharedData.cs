namespace Sigur.Matching.Tests;

/// <summary>
/// The public data sets the tests read: the copies in the repository's tests/data (each with its licence beside it),
/// so that a clone on its own passes. Found by walking up from the test binaries to the folder holding Sigur.slnx.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sigur.slnx"))) return System.IO.Path.Combine(dir.FullName, "tests", "data");
        }
        throw new DirectoryNotFoundException("Sigur.slnx not found above " + AppContext.BaseDirectory);
    });

    public static string Path(params string[] parts)
    {
        var path = System.IO.Path.Combine([Root.Value, .. parts]);
        if (!File.Exists(path) && !Directory.Exists(path)) throw new FileNotFoundException("Test data missing: " + path);
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
