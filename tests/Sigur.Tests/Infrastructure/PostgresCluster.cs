using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Sigur.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL cluster made with Debian's binaries for this test run: initdb into a temporary folder owned
/// by the postgres user (initdb refuses root), pg_ctl start on a free loopback port, one database per test host, and
/// everything removed at the end. Where PostgreSQL is not installed, <see cref="Unavailable"/> says why.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> Instance = new(() => new PostgresCluster());
    public static PostgresCluster Shared => Instance.Value;

    private readonly string? _bin;
    private readonly string _dir;
    private readonly int _port;
    private bool _started;
    private int _databases;

    public string? Unavailable { get; private set; }
    public string DataDirectory => Path.Combine(_dir, "data");

    private PostgresCluster()
    {
        _dir = Path.Combine(Path.GetTempPath(), $"sigur-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        _bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin"))
                .FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")))
            : null;
        if (_bin is null) { Unavailable = "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)."; return; }
        _port = FreePort();
        try { Start(); }
        catch (Exception ex) { Unavailable = "Could not start a throwaway PostgreSQL cluster: " + ex.Message; }
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
    }

    private void Start()
    {
        Directory.CreateDirectory(_dir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", "-R", "postgres:postgres", _dir);
        RunPg("initdb", "-D", DataDirectory, "-A", "trust", "-U", "sigur", "-E", "UTF8", "--no-sync");
        RunPg("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_dir, "log"), "-w", "-o",
            $"-p {_port} -k {_dir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=on", "start");
        _started = true;
    }

    public void Stop()
    {
        if (!_started) return;
        _started = false;
        try { RunPg("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop"); } catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Username=sigur;Database=postgres;Pooling=false";

    /// <summary>A new, empty database for one test host.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"sigur_test_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..40];
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
        await cmd.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={_port};Username=sigur;Database={name};Maximum Pool Size=40";
    }

    /// <summary>
    /// Drops a test host's database and with it the connections its pool still holds open: pooled connections stay
    /// for minutes after their host is gone, and a whole suite of hosts filled the cluster's max_connections until
    /// hosts got "too many clients" (53300) under load.
    /// </summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>Forces everything written so far out of PostgreSQL's buffers into the data files and WAL.</summary>
    public async Task CheckpointAsync()
    {
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("CHECKPOINT", conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private void RunPg(string tool, params string[] args)
    {
        var exe = Path.Combine(_bin!, tool);
        if (Environment.UserName == "root") Run("runuser", ["-u", "postgres", "--", exe, .. args]);
        else Run(exe, args);
    }

    private static void Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(120_000)) { p.Kill(); throw new InvalidOperationException($"{file} timed out"); }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{Path.GetFileName(file)} exited {p.ExitCode}: {stderr.Result}");
    }

    /// <summary>A loopback port nobody listens on now (the test hosts and the throwaway cluster take one each).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
