using System.CommandLine;
using System.CommandLine.Help;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Features.Admin;
using Sigur.Platform.Audit;

namespace Sigur.Host;

/// <summary>
/// The command-line verbs of the `sigur` executable. Configuration comes from appsettings.json and the environment
/// (for example Database__Provider=Postgres and ConnectionStrings__Sigur=…), as for the server.
/// </summary>
public static class Commands
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Sigur: case management, referral and statistics for national anti-trafficking mechanisms.");

        var serve = new Command("serve", "Serve the web UI and the API (the default).");
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction((parse, _) => Serve.RunAsync([.. parse.UnmatchedTokens]));
        root.Subcommands.Add(serve);

        var migrate = new Command("migrate", "Apply database migrations (PostgreSQL is migrated only by this verb unless Database:MigrateAtStartup is true).");
        migrate.SetAction((_, ct) => WithServices(async sp =>
        {
            await DatabaseSetup.MigrateAsync(sp.GetRequiredService<SigurDb>(), ct, sp.GetRequiredService<IConfiguration>()["Database:ApplicationRole"]);
            Console.WriteLine("Database is up to date.");
            return 0;
        }));
        root.Subcommands.Add(migrate);

        var casesOption = new Option<int>("--cases") { Description = "How many cases to generate.", DefaultValueFactory = _ => 500 };
        var seed = new Command("seed-demo", "Create demo organisations, one user per role (credentials printed) and generated cases.") { casesOption };
        seed.SetAction((parse, ct) => WithServices(async sp =>
        {
            var cases = parse.GetValue(casesOption);
            if (cases is < 0 or > 10_000_000) { Console.Error.WriteLine("--cases must be between 0 and 10,000,000."); return 2; }
            await DatabaseSetup.MigrateAsync(sp.GetRequiredService<SigurDb>(), ct, sp.GetRequiredService<IConfiguration>()["Database:ApplicationRole"]);
            sp.GetRequiredService<KeyRingWarden>().EnsureCurrentKey();
            var admin = await FirstStart.EnsureAsync(sp, ct);
            if (admin is not null) Console.WriteLine($"Administrator '{admin.UserName}', one-time password {admin.OneTimePassword}");
            DemoData.Result result = null!;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Generating cases", maxValue: Math.Max(cases, 1));
                result = await DemoData.SeedAsync(sp, cases, new Progress<int>(n => task.Value = n), ct);
                task.Value = task.MaxValue;
            });
            Console.WriteLine(result.CredentialsTable());
            return 0;
        }));
        root.Subcommands.Add(seed);

        var audit = new Command("audit", "The audit log.");
        var verify = new Command("verify", "Check the keyed hash chain and the signed checkpoints; name the first row edited, removed or rewritten, and a truncated end.");
        verify.SetAction((_, ct) => WithServices(async sp =>
        {
            var result = await AuditChain.VerifyAsync(sp.GetRequiredService<SigurDb>(), ct, checkpoints: sp.GetRequiredService<AuditCheckpoints>());
            if (result.Intact)
            {
                Console.WriteLine(result.LastCheckpoint is { } c
                    ? $"Audit log intact: {result.RowsChecked} rows; the last signed checkpoint ({c.At:u}) covers {c.Sequence}."
                    : $"Audit log intact: {result.RowsChecked} rows; no signed checkpoint yet.");
                return 0;
            }
            Console.Error.WriteLine($"Audit log broken at row {result.FirstBadSequence}: {result.Problem}.");
            return 1;
        }));
        audit.Subcommands.Add(verify);
        root.Subcommands.Add(audit);

        var keys = new Command("keys", "Encryption keys.");
        var rotate = new Command("rotate", "Create a new data key and re-encrypt every protected value under it.");
        rotate.SetAction((_, ct) => WithServices(async sp =>
        {
            KeyRotation.Outcome outcome = null!;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask("Re-encrypting records", maxValue: double.MaxValue);
                task.IsIndeterminate = true;
                outcome = await KeyRotation.RotateAsync(sp, new Progress<int>(n => task.Description = $"Re-encrypted {n} records"), ct);
                task.StopTask();
            });
            Console.WriteLine($"New key {outcome.NewKeyId}; {outcome.Records} records re-encrypted.");
            return 0;
        }));
        keys.Subcommands.Add(rotate);
        root.Subcommands.Add(keys);

        var users = new Command("users", "User accounts.");
        var userName = new Argument<string>("user-name");
        var roleOption = new Option<Role>("--role") { Required = true, Description = "One of: " + string.Join(", ", Enum.GetNames<Role>()) };
        var orgOption = new Option<string>("--organisation") { Required = true, Description = "The organisation's exact name or id." };
        var add = new Command("add", "Create a user; prints a one-time password to replace at first sign-in.") { userName, roleOption, orgOption };
        add.SetAction((parse, ct) => WithServices(async sp =>
        {
            var db = sp.GetRequiredService<SigurDb>();
            var org = parse.GetValue(orgOption)!;
            var organisation = Guid.TryParse(org, out var orgId)
                ? await db.Organisations.SingleOrDefaultAsync(o => o.Id == orgId, ct)
                : await db.Organisations.SingleOrDefaultAsync(o => o.Name == org, ct);
            if (organisation is null) { Console.Error.WriteLine("No organisation with that name or id."); return 2; }
            var result = await ManageUsers.Create(new ManageUsers.UserInput(parse.GetValue(userName)!, parse.GetValue(userName)!, null, organisation.Id, parse.GetValue(roleOption)),
                sp.GetRequiredService<UserManager<SigurUser>>(), db, ct);
            if (result.Result is Microsoft.AspNetCore.Http.HttpResults.Created<ManageUsers.Created> created)
            {
                await sp.GetRequiredService<Platform.Audit.Audit>().EventAsync(AuditAction.Create, nameof(SigurUser), created.Value!.User.Id.ToString(),
                    reason: "users add (command line)", organisationId: organisation.Id);
                Console.WriteLine($"User '{created.Value!.User.UserName}' created; one-time password {created.Value.OneTimePassword}");
                return 0;
            }
            var problem = (Microsoft.AspNetCore.Http.HttpResults.ValidationProblem)result.Result;
            foreach (var (field, messages) in problem.ProblemDetails.Errors) Console.Error.WriteLine($"{field}: {string.Join(" ", messages)}");
            return 2;
        }));
        users.Subcommands.Add(add);
        root.Subcommands.Add(users);

        var admin = new Command("admin", "The administrator's account.");
        var adminReset = new Command("reset", "Give the first administrator a new one-time password and a fresh authenticator enrolment (enabled, unlocked, signed out everywhere); audited.");
        adminReset.SetAction((_, ct) => WithServices(async sp =>
        {
            if ((await sp.GetRequiredService<SigurDb>().Database.GetPendingMigrationsAsync(ct)).Any())
            {
                Console.Error.WriteLine("The database is not migrated yet: run `sigur migrate` (or start Sigur once) first.");
                return 2;
            }
            if (await ManageAccounts.ResetFirstAdministratorAsync(sp, ct) is not { } reset)
            {
                Console.Error.WriteLine("There is no administrator account yet: start Sigur once to create one.");
                return 2;
            }
            Console.WriteLine($"Administrator '{reset.UserName}': one-time password {reset.OneTimePassword}; enrol an authenticator at the next sign-in.");
            return 0;
        }));
        admin.Subcommands.Add(adminReset);
        root.Subcommands.Add(admin);

        foreach (var command in Features.Statistics.StatisticsCommands.Build()) root.Subcommands.Add(command);
        foreach (var command in BackupCommands.Build()) root.Subcommands.Add(command);

        // The matching engine's verbs (Features/Duplicates).
        foreach (var command in Features.Duplicates.MatchCommands.Build()) root.Subcommands.Add(command);
        root.Subcommands.Add(Features.Duplicates.PprlCommands.Build());

        return root;
    }

    /// <summary>Builds the same services as the server (without serving), starts the audit writer, runs the action as the system.</summary>
    /// <summary>
    /// Whether the arguments ask for the help or the version (-h, --help, -?, --version): those print and exit, and must
    /// never fall through to serving, which would listen on a port and create a database in the current folder.
    /// </summary>
    public static bool AsksForHelpOrVersion(string[] args)
    {
        var names = new RootCommand().Options.Where(o => o is HelpOption or VersionOption).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet();
        return args.Any(names.Contains);
    }

    public static async Task<int> WithServices(Func<IServiceProvider, Task<int>> action)
    {
        var builder = SigurHost.CreateBuilder([]);
        builder.Services.AddScoped(_ => CurrentUser.System());
        await using var app = builder.Build();
        await using (var check = app.Services.CreateAsyncScope())
        {
            // Keys live in the database: only once it is migrated can a key be read or made (seed-demo migrates first, then asks again).
            if (!(await check.ServiceProvider.GetRequiredService<SigurDb>().Database.GetPendingMigrationsAsync()).Any())
                app.Services.GetRequiredService<KeyRingWarden>().EnsureCurrentKey();
        }
        var writer = app.Services.GetRequiredService<AuditWriter>();
        await writer.StartAsync(CancellationToken.None);
        try
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await action(scope.ServiceProvider);
        }
        finally
        {
            await writer.StopAsync(CancellationToken.None);
            await CheckpointAsync(app.Services);
        }
    }

    /// <summary>A verb that wrote audit rows (an export, a key rotation) leaves a signed checkpoint over them, as the server does at shutdown.</summary>
    private static async Task CheckpointAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        if ((await db.Database.GetPendingMigrationsAsync()).Any()) return;
        try { await services.GetRequiredService<AuditCheckpoints>().WriteAsync(db, CancellationToken.None); }
        catch (AuditTamperedException ex) { Console.Error.WriteLine($"No audit checkpoint was written: {ex.Message}"); }
    }
}
