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
}
