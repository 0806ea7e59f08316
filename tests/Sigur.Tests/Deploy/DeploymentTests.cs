using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Deploy;

/// <summary>
/// The examples in deploy/ are checked by the tools that will read them, where this machine has them: nginx parses the
/// TLS front end (with a throwaway self-signed certificate), systemd verifies the unit. Docker's daemon and its compose
/// plugin are not available here, so the Dockerfile and compose file are not built in tests.
/// </summary>
public sealed class DeploymentTests
{
    private static readonly string Deploy = Path.Combine(RepositoryRoot(), "deploy");

    [Fact]
    public async Task The_nginx_front_end_parses_with_a_certificate_in_place()
    {
        var nginx = Tool("/usr/sbin/nginx", "nginx");
        using var dir = new Scratch();
        using (var key = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=sigur.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(Path.Combine(dir.Path, "fullchain.pem"), certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(Path.Combine(dir.Path, "privkey.pem"), key.ExportPkcs8PrivateKeyPem());
        }
        // The example as shipped, with only its certificate and log paths moved into the scratch folder.
        var site = (await File.ReadAllTextAsync(Path.Combine(Deploy, "nginx", "sigur.conf")))
            .Replace("/etc/ssl/sigur/", dir.Path + "/").Replace("/var/log/nginx/", dir.Path + "/");
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "sigur.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(dir.Path, "nginx.conf"),
            $"pid {dir.Path}/nginx.pid;\nerror_log {dir.Path}/error.log;\nevents {{}}\nhttp {{\n  access_log off;\n  include {dir.Path}/sigur.conf;\n}}\n");

        var (exit, output) = Run(nginx, "-t", "-c", Path.Combine(dir.Path, "nginx.conf"), "-p", dir.Path);
        Assert.True(exit == 0, output);
        Assert.Contains("test is successful", output);
    }

    [Fact]
    public void The_systemd_unit_verifies_without_a_warning()
    {
        var analyze = Tool("/usr/bin/systemd-analyze", "systemd");
        using var dir = new Scratch();
        // The executable is where `dotnet publish -o /opt/sigur` puts it on a server, not on this machine.
        var unit = File.ReadAllText(Path.Combine(Deploy, "sigur.service")).Replace("/opt/sigur/sigur", "/bin/true");
        Assert.Contains("ExecStart=/bin/true serve", unit);
        var file = Path.Combine(dir.Path, "sigur.service");
        File.WriteAllText(file, unit);

        var (exit, output) = Run(analyze, "verify", file);
        Assert.Equal((0, ""), (exit, output.Trim()));
    }

    private static string Tool(string path, string package)
    {
        if (File.Exists(path)) return path;
        if (Providers.IsCi) Assert.Fail($"{path} is missing: .ci/run installs Debian's {package}.");
        Assert.Skip($"{path} is not installed (Debian's {package}).");
        return path;
    }

    private static (int Exit, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout + stderr.Result);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sigur.slnx"))) return dir.FullName;
        throw new InvalidOperationException("Sigur.slnx not found above the test assembly.");
    }

    private sealed class Scratch : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("sigur-deploy-").FullName;
        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
