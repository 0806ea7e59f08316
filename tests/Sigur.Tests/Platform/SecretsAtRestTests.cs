using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Admin;
using Sigur.Features.Cases;
using Sigur.Features.Fund;
using Sigur.Features.Referrals;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>Secrets at rest: free text that can identify a person, authenticator keys and recovery codes are encrypted; the SQLite files are the owner's only.</summary>
public sealed class SecretsAtRestTests
{
    private sealed record RawValue(string Value);

    private static Task<List<string>> RawAsync(TestApp app, string sql, params object[] parameters) =>
        app.WithDbAsync(db => db.Database.SqlQueryRaw<RawValue>(sql, parameters).Select(r => r.Value).ToListAsync());

    [Theory, BothProviders]
    public async Task Free_text_about_people_is_stored_encrypted_and_still_shown(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var canary = "Kanarinac" + Guid.NewGuid().ToString("N")[..10];
        var fundOrg = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var officer = await app.ClientAsync(Role.FundOfficer, fundOrg.Id);
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync();

        // Fund: supplier (a private landlord), purpose, receipt reference, rejection reason.
        var donor = await (await officer.PostJsonAsync("/api/v1/fund/donors", new ManageGrants.DonorRequest("Donor"))).ReadAsync<ManageGrants.DonorView>();
        var grant = await (await officer.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "G", 100_000, "EUR",
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), [new(AssistanceCategory.Accommodation, 100_000)]))).ReadAsync<GrantView>();
        var ask = new RequestDisbursement.Request(c.Id, grant.Lines.Single().Id, 20_000, "EUR", canary + " rent for March", canary + " Landlord", canary + "-R1");
        var requested = await worker.PostJsonAsync("/api/v1/fund/disbursements", ask);
        Assert.Equal(HttpStatusCode.Created, requested.StatusCode);
        // The same cost is still found though supplier and receipt are encrypted.
        Assert.Equal(HttpStatusCode.Conflict, (await worker.PostJsonAsync("/api/v1/fund/disbursements", ask with { Supplier = "  " + canary.ToUpperInvariant() + "   LANDLORD " })).StatusCode);
        var disbursement = await requested.ReadAsync<DisbursementView>();
        Assert.Equal(HttpStatusCode.OK, (await officer.PostJsonAsync($"/api/v1/fund/disbursements/{disbursement.Id}/reject",
            new DecideDisbursement.RejectRequest(canary + " receipt unreadable"))).StatusCode);
        var listed = Assert.Single(await (await worker.GetAsync("/api/v1/fund/disbursements")).ReadAsync<List<DisbursementView>>(), d => d.Id == disbursement.Id);
        Assert.Equal((canary + " Landlord", canary + " rent for March", canary + "-R1", canary + " receipt unreadable"),
            (listed.Supplier, listed.Purpose, listed.ReceiptReference, listed.RejectReason));
        Assert.Contains(canary + " Landlord", await (await worker.GetAsync("/Fund")).Content.ReadAsStringAsync());

        // Consent purpose.
        var consent = await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/consents", new RecordConsent.Request(ConsentGiver.Person, [fundOrg.Id], [DataGroup.Health],
            canary + " purpose", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10)));
        Assert.Equal(HttpStatusCode.Created, consent.StatusCode);
        Assert.Contains(canary + " purpose", await (await worker.GetAsync($"/api/v1/cases/{c.Id}/consents")).Content.ReadAsStringAsync());

        // Break-glass reason.
        var police = await app.NewOrganisationAsync(OrganisationType.Police);
        var investigator = await app.ClientAsync(Role.PoliceInvestigator, police.Id);
        Assert.Equal(HttpStatusCode.OK, (await investigator.PostJsonAsync("/api/v1/break-glass", new BreakGlass.Request(c.Reference, canary + " reported abducted tonight"))).StatusCode);
        var admin = await app.ClientAsync(Role.Administrator, police.Id);
        Assert.Contains((await (await admin.GetAsync("/api/v1/break-glass")).ReadAsync<List<BreakGlass.Grant>>()), g => g.Reason == canary + " reported abducted tonight");

        // Referral decline and revoke reasons, shelter discharge reason (written through SigurDb as the use cases do).
        var shelterStaff = await app.ClientAsync(Role.ShelterStaff, (await app.NewOrganisationAsync()).Id);
        var shelter = await (await shelterStaff.PostJsonAsync("/api/v1/shelters", new RegisterShelter.Request("Shelter", "Skopje", "address",
            [new(PlaceSex.Female, AgeGroup.Adult, 4, 0)]))).ReadAsync<ShelterDetail>();
        await app.WithDbAsync(async db =>
        {
            db.Add(new Referral
            {
                CaseId = c.Id, PersonId = c.PersonId, CaseReference = c.Reference, OrganisationId = holder.Id, RecipientOrganisationId = fundOrg.Id,
                Services = [ServiceType.Legal], Status = ReferralStatus.Declined, RequestedAt = DateTime.UtcNow, RequestedBy = Guid.NewGuid(),
                DeclineReason = canary + " decline", RevokeReason = canary + " revoke",
            });
            db.Add(new ShelterPlacement
            {
                ShelterId = shelter.Id, OrganisationId = shelter.OrganisationId, CaseId = c.Id, CaseReference = c.Reference, AdmittedAt = DateTime.UtcNow,
                DischargedAt = DateTime.UtcNow, DischargeReason = canary + " discharge",
            });
            return await db.SaveChangesAsync();
        });
        var referral = await app.WithDbAsync(db => db.Set<Referral>().IgnoreQueryFilters().AsNoTracking().SingleAsync(r => r.CaseId == c.Id));
        Assert.Equal((canary + " decline", canary + " revoke"), (referral.DeclineReason, referral.RevokeReason));
        Assert.Equal(canary + " discharge", await app.WithDbAsync(db => db.Set<ShelterPlacement>().IgnoreQueryFilters().Where(p => p.CaseId == c.Id).Select(p => p.DischargeReason).SingleAsync()));

        var raw = new List<string>();
        foreach (var (table, columns) in new[]
        {
            ("fund_disbursements", new[] { "supplier", "purpose", "receipt_reference", "reject_reason", "cost_key" }),
            ("consents", ["purpose"]), ("break_glass_grants", ["reason"]), ("referrals", ["decline_reason", "revoke_reason"]),
            ("shelter_placements", ["discharge_reason"]), ("audit_entries", ["reason"]),
        })
            foreach (var column in columns)
                raw.AddRange(await RawAsync(app, $"SELECT COALESCE({column}, '') AS \"Value\" FROM {table}"));
        Assert.DoesNotContain(raw, v => v.Contains(canary, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(9, raw.Count(v => v.StartsWith("2:", StringComparison.Ordinal))); // the nine values above, each an envelope
    }

    [Theory, BothProviders]
    public async Task Authenticator_keys_and_recovery_codes_are_stored_encrypted_and_still_work(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var user = await app.NewUserAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        List<string> codes;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
            codes = [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(user.Id.ToString()))!, 5))!];
        }
        var raw = await RawAsync(app, "SELECT value AS \"Value\" FROM asp_net_user_tokens WHERE user_id = {0}", user.Id);
        Assert.True(raw.Count >= 2, $"{raw.Count} tokens"); // the authenticator key and the recovery codes, at least
        Assert.All(raw, v => Assert.StartsWith("2:", v));
        Assert.DoesNotContain(raw, v => v.Contains(user.AuthenticatorKey, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(raw, v => codes.Any(code => v.Contains(code, StringComparison.OrdinalIgnoreCase)));

        // Sign-in with the authenticator code still works, and a recovery code redeems once.
        var client = await app.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SigurUser>>();
            var stored = (await users.FindByIdAsync(user.Id.ToString()))!;
            Assert.True((await users.RedeemTwoFactorRecoveryCodeAsync(stored, codes[0])).Succeeded);
            Assert.False((await users.RedeemTwoFactorRecoveryCodeAsync(stored, codes[0])).Succeeded);
            Assert.Equal(4, await users.CountRecoveryCodesAsync(stored));
        }
    }

    [Fact]
    public async Task The_SQLite_file_and_its_WAL_are_the_owners_only_in_a_folder_only_the_owner_enters()
    {
        if (OperatingSystem.IsWindows()) return;
        var root = Directory.CreateTempSubdirectory("sigur-perm-").FullName;
        var dir = Path.Combine(root, "data");
        var file = Path.Combine(dir, "sigur.db");
        try
        {
            await using (var app = await TestApp.StartAsync(Providers.Sqlite, b => b.UseSetting("ConnectionStrings:Sigur", $"Data Source={file}")))
            {
                await app.NewOrganisationAsync();
                Assert.True(File.Exists(file + "-wal"));
                const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                Assert.Equal(ownerOnly | UnixFileMode.UserExecute, File.GetUnixFileMode(dir));
                Assert.Equal(ownerOnly, File.GetUnixFileMode(file));
                Assert.Equal(ownerOnly, File.GetUnixFileMode(file + "-wal"));
                Assert.Equal(ownerOnly, File.GetUnixFileMode(file + "-shm"));
            }
            using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file}"))
                Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }
}
