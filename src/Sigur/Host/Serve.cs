using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Host;

/// <summary>`sigur serve`: migrate (SQLite), create the first administrator and demo data if asked, then serve.</summary>
public static class Serve
{
    public static async Task<int> RunAsync(string[] args)
    {
        var builder = SigurHost.CreateBuilder(args);
        var app = builder.Build();
        SigurHost.Configure(app);

        await FirstStart.MigrateIfConfiguredAsync(app.Services, app.Configuration, CancellationToken.None);
        app.Services.GetRequiredService<KeyRingWarden>().EnsureCurrentKey();
        var admin = await FirstStart.EnsureAsync(app.Services, CancellationToken.None);

        // Started before the demo data, whose audit rows go through the audit writer (a hosted service).
        await app.StartAsync();
        if (admin is not null && app.Services.GetRequiredService<SigurSettings>().DemoData)
        {
            var demo = await Features.Admin.DemoData.SeedAsync(app.Services, cases: 500, progress: null, CancellationToken.None);
            Console.WriteLine(demo.CredentialsTable());
        }
        foreach (var url in app.Urls) Console.WriteLine($"Sigur is serving on {url}");
        if (admin is not null)
        {
            // Printed once, to the console only (never to the log): whoever starts Sigur first becomes its administrator.
            Console.WriteLine($"First start: sign in as '{admin.UserName}' with the one-time password {admin.OneTimePassword}");
            Console.WriteLine("You will be asked to choose a new password and to enrol an authenticator app.");
        }
        await app.WaitForShutdownAsync();
        return 0;
    }
}
