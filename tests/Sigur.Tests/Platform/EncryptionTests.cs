using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>Canary values written through the API never appear in the database's files: not the SQLite file, its WAL, nor PostgreSQL's data directory.</summary>
public sealed class EncryptionTests
{
    [Theory, BothProviders]
    public async Task Canary_values_never_reach_the_database_files(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var canary = "Kanarinac" + Guid.NewGuid().ToString("N")[..10];
        var request = CaseRequests.New(canary + "Given", canary + "Family", canary + "Narrative") with
        {
            Person = CaseRequests.New().Person! with { GivenName = canary + "Given", FamilyName = canary + "Family", Contact = canary + "Contact", Documents = canary + "Document", DateOfBirth = "1987-11-23" },
        };
        var created = await client.RegisterAsync(request);
        var read = await (await client.GetAsync($"/api/v1/cases/{created.Id}")).Content.ReadAsStringAsync();
        Assert.Contains(canary + "Narrative", read); // the API gives the values back to the holder

        var files = new List<string>();
        if (provider == Providers.Sqlite)
        {
            files.AddRange(Directory.GetFiles(Path.GetDirectoryName(app.SqliteFile)!, "sigur.db*"));
            Assert.Contains(files, f => f.EndsWith("-wal", StringComparison.Ordinal));
        }
        else
        {
            await PostgresCluster.Shared.CheckpointAsync();
            files.AddRange(Directory.GetFiles(PostgresCluster.Shared.DataDirectory, "*", SearchOption.AllDirectories));
        }
        var needles = new[] { canary, canary.ToLowerInvariant(), "1987-11-23" }
            .SelectMany(s => new[] { Encoding.UTF8.GetBytes(s), Encoding.Unicode.GetBytes(s) }).ToList();
        foreach (var file in files)
        {
            byte[] bytes;
            try { bytes = await File.ReadAllBytesAsync(file); } catch (IOException) { continue; }
            foreach (var needle in needles)
                Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"a canary value is readable in {Path.GetFileName(file)}");
        }
    }

    [Theory, BothProviders]
    public async Task Key_rotation_re_encrypts_every_value_under_the_new_key(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var created = await client.RegisterAsync(CaseRequests.New("Rotacija", "Kljucevi", "Narrative before rotation"));

        var outcome = await KeyRotation.RotateAsync(app.Services, null, CancellationToken.None);
        Assert.True(outcome.Records >= 2);

        var stored = await app.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT narrative AS \"Value\" FROM cases UNION ALL SELECT given_name FROM persons UNION ALL SELECT contact FROM persons").ToListAsync());
        Assert.NotEmpty(stored);
        Assert.All(stored, s => Assert.Equal(outcome.NewKeyId, FieldProtection.KeyIdOf(s)));
        var detail = await (await client.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<Sigur.Features.Cases.CaseDetail>();
        Assert.Equal("Narrative before rotation", detail.Narrative);
        Assert.Equal("Rotacija", detail.Person.GivenName);
    }

    [Theory, BothProviders]
    public async Task An_empty_field_is_stored_empty_and_a_filled_one_as_a_payload_also_after_rotation(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var canary = "Prazno" + Guid.NewGuid().ToString("N")[..10];
        var request = CaseRequests.New(canary, "Petrović") with
        {
            Person = CaseRequests.New(canary, "Petrović").Person! with { Contact = null, Documents = null, Aliases = null },
        };
        var created = await client.RegisterAsync(request);

        async Task<(string Given, string Contact, string Documents, string Aliases)> Raw() => await app.WithDbAsync(async db =>
        {
            var row = await db.Database.SqlQueryRaw<RawPerson>(
                "SELECT p.given_name AS \"Given\", p.contact AS \"Contact\", p.documents AS \"Documents\", p.aliases AS \"Aliases\" FROM persons p JOIN cases c ON c.person_id = p.id WHERE c.id = {0}",
                created.Id).SingleAsync();
            return (row.Given, row.Contact, row.Documents, row.Aliases);
        });

        var before = await Raw();
        Assert.Equal(("", "", ""), (before.Contact, before.Documents, before.Aliases));
        Assert.DoesNotContain(canary, before.Given, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(Guid.Empty, FieldProtection.KeyIdOf(before.Given));

        var outcome = await KeyRotation.RotateAsync(app.Services, null, CancellationToken.None);
        var after = await Raw();
        Assert.Equal(("", "", ""), (after.Contact, after.Documents, after.Aliases));
        Assert.Equal(outcome.NewKeyId, FieldProtection.KeyIdOf(after.Given));
        var detail = await (await client.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<Sigur.Features.Cases.CaseDetail>();
        Assert.Equal((canary, "", ""), (detail.Person.GivenName, detail.Person.Contact, detail.Person.Documents));
    }

    [Theory, BothProviders]
    public async Task Values_are_sealed_by_field_keys_that_another_instance_can_read_and_nothing_else_is_read_as_one(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var created = await client.RegisterAsync(CaseRequests.New("Omotnica", "Kljuceva", "Envelope narrative"));
        var protection = app.Services.GetRequiredService<FieldProtection>();

        var stored = await app.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT narrative AS \"Value\" FROM cases WHERE id = {0}", created.Id).SingleAsync());
        Assert.StartsWith("2:", stored);
        Assert.Equal(protection.CurrentKeyId, FieldProtection.KeyIdOf(stored));
        Assert.Equal(1, await app.WithDbAsync(db => db.FieldKeys.CountAsync(k => k.Id == protection.CurrentKeyId)));

        // Another instance on the same database and key-encryption key knows no field key yet: it reads the sealed one.
        var other = new FieldProtection(app.Services.GetRequiredService<IDataProtectionProvider>(),
            app.Services.GetRequiredService<KeyEncryptionKey>(), app.Services.GetRequiredService<IServiceScopeFactory>());
        Assert.Equal("Envelope narrative", other.Unprotect(stored));

        // A payload changed by one character, or moved under another key id, does not decrypt.
        var tampered = stored[..^3] + (stored[^3] == 'A' ? 'B' : 'A') + stored[^2..];
        Assert.ThrowsAny<CryptographicException>(() => protection.Unprotect(tampered));
        var otherKeyId = Base64Url.DecodeFromChars(stored.AsSpan(2));
        otherKeyId[0] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => protection.Unprotect("2:" + Base64Url.EncodeToString(otherKeyId)));

        // A value that is not a payload (say, plaintext written around Sigur) is refused, never passed through.
        Assert.ThrowsAny<CryptographicException>(() => protection.Unprotect("Envelope narrative"));
    }

    [Theory, BothProviders]
    public async Task Key_rotation_covers_every_entity_with_an_encrypted_field(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
        var shelter = new Sigur.Features.Shelters.Shelter { Name = "Rotation shelter", OrganisationId = org.Id, Address = "Secret street 1" };
        await app.WithDbAsync(async db =>
        {
            db.Add(shelter);
            return await db.SaveChangesAsync();
        });
        Assert.Contains(typeof(Sigur.Features.Shelters.Shelter), KeyRotation.EncryptedTypes(app.Services));

        var outcome = await KeyRotation.RotateAsync(app.Services, null, CancellationToken.None);

        var address = await app.WithDbAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT address AS \"Value\" FROM shelters WHERE id = {0}", shelter.Id).SingleAsync());
        Assert.Equal(outcome.NewKeyId, FieldProtection.KeyIdOf(address));
        Assert.Equal("Secret street 1", await app.WithDbAsync(db => db.Set<Sigur.Features.Shelters.Shelter>().IgnoreQueryFilters()
            .Where(s => s.Id == shelter.Id).Select(s => s.Address).SingleAsync()));
    }

    private sealed record RawPerson(string Given, string Contact, string Documents, string Aliases);
}
