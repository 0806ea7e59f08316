using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sigur.Bench.Cases;

/// <summary>
/// A PostgreSQL cluster of the Debian binaries, owned by the `postgres` user (initdb refuses root), listening on a
/// free loopback port with its socket inside its own folder. Kept (and restarted on the next run) when the folder
/// is kept, so a loaded million cases need not be generated again.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    public string Directory { get; }
    public int Port { get; }
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=sigur;Database=sigur";

    private PostgresCluster(string bin, string directory, int port)
    {
        _bin = bin;
        Directory = directory;
        Port = port;
    }

    public static string FindBinaries() =>
        System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
              ?? throw new InvalidOperationException("No PostgreSQL binaries under /usr/lib/postgresql/*/bin.")
            : throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql).");

    /// <summary>Creates the cluster in <paramref name="directory"/> unless it already holds one, then starts it.</summary>
    public static async Task<PostgresCluster> StartAsync(string directory, TextWriter log)
    {
        var bin = FindBinaries();
        System.IO.Directory.CreateDirectory(directory);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres) await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false);
        var cluster = new PostgresCluster(bin, directory, FreePort());
        if (!File.Exists(Path.Combine(directory, "PG_VERSION")))
        {
            log.WriteLine($"initdb {directory}");
            await cluster.Pg("initdb", ["-D", directory, "-A", "trust", "-U", "sigur", "-E", "UTF8", "--locale=C.UTF-8"]);
        }
        // Sized for the 2-core, 24 GB bench machine: the million cases and their indexes fit in shared buffers.
        var options = string.Join(' ',
            $"-p {cluster.Port}", $"-k {directory}", "-c listen_addresses=127.0.0.1", "-c max_connections=300",
            "-c shared_buffers=2GB", "-c effective_cache_size=8GB", "-c work_mem=16MB", "-c maintenance_work_mem=512MB",
            "-c max_wal_size=8GB", "-c checkpoint_timeout=30min", "-c wal_compression=on");
        await cluster.Pg("pg_ctl", ["-D", directory, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "120", "-o", options, "start"]);
        var exists = (await cluster.Pg("psql", ["-h", directory, "-p", cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "sigur", "-d", "postgres", "-tAc",
            "SELECT 1 FROM pg_database WHERE datname = 'sigur'"], capture: true)).Trim() == "1";
        if (!exists)
            await cluster.Pg("psql", ["-h", directory, "-p", cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "sigur", "-d", "postgres", "-c", "CREATE DATABASE sigur"]);
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        try { await Pg("pg_ctl", ["-D", Directory, "-m", "fast", "-w", "stop"]); }
        catch (Exception ex) { Console.Error.WriteLine($"pg_ctl stop: {ex.Message}"); }
    }

    private Task<string> Pg(string tool, string[] args, bool capture = false) =>
        RunAsync(Path.Combine(_bin, tool), args, asPostgres: Environment.UserName == "root", capture);

    private static async Task<string> RunAsync(string file, string[] args, bool asPostgres, bool capture = false)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/tmp",
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {await stderr} {await stdout}");
        return capture ? await stdout : "";
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
