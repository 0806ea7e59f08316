using System.Diagnostics;
using System.Reflection;

namespace Sigur.Tests.Platform;

/// <summary>
/// The built `sigur` program, run as a user runs it from an empty folder: asking for help or the version prints and
/// exits, and neither starts a server nor creates a database or key file.
/// </summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public async Task Help_names_the_verbs_and_exits_without_touching_a_database(string option)
    {
        var (exitCode, output, created) = await RunSigurAsync(option);

        Assert.Equal(0, exitCode);
        foreach (var verb in new[] { "serve", "migrate", "seed-demo", "users", "audit", "keys", "stats", "export", "import", "names", "match", "pprl" })
            Assert.Contains($"  {verb} ", output);
        Assert.Empty(created);
    }

    [Fact]
    public async Task Version_prints_the_version_and_exits_without_touching_a_database()
    {
        var (exitCode, output, created) = await RunSigurAsync("--version");

        Assert.Equal(0, exitCode);
        var version = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(version, output.Trim());
        Assert.Empty(created);
    }

    [Fact]
    public async Task Admin_reset_on_a_database_not_yet_made_says_so_and_changes_nothing()
    {
        var (exitCode, output, _) = await RunSigurAsync("admin", "reset");
        Assert.Equal(2, exitCode);
        Assert.Contains("The database is not migrated yet", output, StringComparison.Ordinal);
    }

    /// <summary>Runs sigur.dll (copied beside the tests) in a new empty folder; returns what it printed and every file it left there.</summary>
    private static async Task<(int ExitCode, string Output, string[] Created)> RunSigurAsync(params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("sigur-cli-").FullName;
        try
        {
            var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "sigur.dll"));
            foreach (var a in args) psi.ArgumentList.Add(a);
            // A free port instead of 5000, so that the bug (a server started) shows as a hang here, not as a clash elsewhere.
            psi.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await process.WaitForExitAsync(patience.Token); }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"`sigur {string.Join(' ', args)}` did not exit within a minute (it serves instead). Output: {await stdout}");
            }
            var created = Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).ToArray();
            return (process.ExitCode, await stdout + await stderr, created);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
