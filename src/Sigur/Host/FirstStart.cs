using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Features.Admin;

namespace Sigur.Host;

/// <summary>
/// On a database with no user account: creates the national coordinator's office and one administrator whose
/// one-time password is printed once. There is no static default password anywhere.
/// </summary>
public static class FirstStart
{
    public sealed record Administrator(string UserName, string OneTimePassword);

    public static async Task<Administrator?> EnsureAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigurDb>();
        if (await db.Users.AnyAsync(ct)) return null;
        var office = await db.Organisations.FirstOrDefaultAsync(o => o.Type == OrganisationType.NationalCoordinatorOffice, ct);
        if (office is null)
        {
            office = new Organisation { Name = "National Coordinator's Office", Type = OrganisationType.NationalCoordinatorOffice, Region = "National" };
            db.Organisations.Add(office);
            await db.SaveChangesAsync(ct);
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
        var admin = new SigurUser
        {
            UserName = "admin", DisplayName = "Administrator", OrganisationId = office.Id, Role = Role.Administrator, MustChangePassword = true,
        };
        var password = ManageUsers.OneTimePassword();
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded) throw new InvalidOperationException("Could not create the first administrator: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        return new Administrator(admin.UserName, password);
    }

    /// <summary>SQLite migrates at start-up; PostgreSQL only when Database:MigrateAtStartup is true (otherwise `sigur migrate`).</summary>
    public static async Task MigrateIfConfiguredAsync(IServiceProvider services, IConfiguration config, CancellationToken ct)
    {
        var provider = DatabaseSetup.ProviderFrom(config);
        if (provider == DatabaseProvider.Postgres && !config.GetValue("Database:MigrateAtStartup", false)) return;
        await using var scope = services.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<SigurDb>(), ct, config["Database:ApplicationRole"]);
    }
}
