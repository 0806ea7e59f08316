using System.Text;
using Microsoft.EntityFrameworkCore;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>Canary values written through the API never appear in the database's files: not the SQLite file, its WAL, nor PostgreSQL's data directory.</summary>
public sealed class EncryptionTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
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

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
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

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
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

    private sealed record RawPerson(string Given, string Contact, string Documents, string Aliases);
}
