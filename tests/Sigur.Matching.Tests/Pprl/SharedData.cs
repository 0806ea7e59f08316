using Xunit;
namespace Sigur.Matching.Tests.Pprl;

/// <summary>
/// Finds the test data: walk up from the test binaries to the folder holding Sigur.slnx, then its
/// tests/data (copies kept in the repository), else ../shared/data (checked out beside the repository).
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sigur.slnx")))
            {
                var copies = System.IO.Path.Combine(dir.FullName, "tests", "data");
                if (File.Exists(System.IO.Path.Combine(copies, "pprl", "clkhash_regression_vectors.json")))
                    return copies;
                var data = Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
                if (Directory.Exists(data))
                    return data;
                throw new DirectoryNotFoundException($"shared data not found at {data}");
            }
        }
        throw new DirectoryNotFoundException("no Sigur.slnx above " + AppContext.BaseDirectory);
    });

    public static string Locate(params string[] parts) => System.IO.Path.Combine([Root.Value, .. parts]);
}
