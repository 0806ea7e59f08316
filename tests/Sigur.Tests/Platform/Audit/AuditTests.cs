using Microsoft.EntityFrameworkCore;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform.Audit;

public sealed class AuditTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task N_reads_give_exactly_N_audit_rows_and_a_list_records_what_it_showed(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var user = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var client = await app.SignInAsync(user);
        var created = await client.RegisterAsync();

        const int n = 7;
        await Task.WhenAll(Enumerable.Range(0, n).Select(_ => client.GetAsync($"/api/v1/cases/{created.Id}")));
        await client.GetAsync("/api/v1/cases");

        var rows = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserId == user.Id).ToListAsync());
        var reads = rows.Where(e => e.Action == AuditAction.Read.Text() && e.RecordIds == created.Id.ToString()).ToList();
        Assert.Equal(n, reads.Count);
        Assert.All(reads, r => Assert.Equal(org.Id, r.OrganisationId));
        Assert.All(reads, r => Assert.Equal(nameof(Role.CaseWorker), r.Role));
        Assert.All(reads, r => Assert.Contains(FieldGroups.Narrative, r.FieldGroups));
        var list = Assert.Single(rows, e => e.Action == AuditAction.List.Text());
        Assert.Equal(created.Id.ToString(), list.RecordIds);
        var create = Assert.Single(rows, e => e.Action == AuditAction.Create.Text() && e.RecordType == "Case");
        Assert.Equal(created.Id.ToString(), create.RecordIds);
        Assert.Single(rows, e => e.Action == AuditAction.SignIn.Text());
    }

    [Theory, BothProviders]
    public async Task A_change_records_which_field_groups_changed_never_the_values(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var user = await app.NewUserAsync(Role.CaseWorker, org.Id);
        var client = await app.SignInAsync(user);
        var created = await client.RegisterAsync();
        var detail = await (await client.GetAsync($"/api/v1/cases/{created.Id}")).ReadAsync<Sigur.Features.Cases.CaseDetail>();
        var edit = new Sigur.Features.Cases.EditCase.Request(detail.Version, detail.Person.Version,
            CaseRequests.New().Case with { Narrative = "Secret-narrative-value" }, CaseRequests.New().Person!);
        (await client.PutJsonAsync($"/api/v1/cases/{created.Id}", edit)).EnsureSuccessStatusCode();

        var update = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.UserId == user.Id && e.Action == AuditAction.Update.Text()));
        Assert.Equal(created.Id.ToString(), update.RecordIds);
        Assert.Equal(FieldGroups.Narrative, update.FieldGroups);
        var all = await app.WithDbAsync(db => db.AuditEntries.ToListAsync());
        Assert.DoesNotContain(all, e => $"{e.Reason}{e.FieldGroups}{e.RecordIds}".Contains("Secret-narrative-value"));
    }

    [Theory, BothProviders]
    public async Task Verify_names_the_first_row_edited_through_raw_SQL_and_a_removed_row(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var created = await client.RegisterAsync();
        for (var i = 0; i < 5; i++) await client.GetAsync($"/api/v1/cases/{created.Id}");

        var intact = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));
        Assert.True(intact.Intact, intact.Problem);
        Assert.True(intact.RowsChecked >= 8);

        var victim = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.Read.Text()).OrderBy(e => e.Sequence).Skip(2).Select(e => e.Sequence).FirstAsync());
        await AuditTamperingTests.DropAppendOnlyTriggersAsync(app); // as someone with the right to change the schema would
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET reason = 'nothing to see' WHERE sequence = {victim}"));
        var edited = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));
        Assert.False(edited.Intact);
        Assert.Equal(victim, edited.FirstBadSequence);

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET reason = NULL WHERE sequence = {victim}"));
        Assert.True((await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None))).Intact);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_entries WHERE sequence = {victim - 1}"));
        var removed = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));
        Assert.False(removed.Intact);
        Assert.Equal(victim - 1, removed.FirstBadSequence);
    }

    [Theory, BothProviders]
    public async Task Denials_and_failed_sign_ins_are_audited(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var user = await app.NewUserAsync(Role.Analyst, org.Id);
        var client = await app.SignInAsync(user);
        var denied = await client.GetAsync("/api/v1/cases");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, denied.StatusCode);
        var failed = await app.AnonymousClient().PostJsonAsync("/api/v1/auth/token", new { user.UserName, Password = "wrong password!", Code = "000000" });
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, failed.StatusCode);

        var rows = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserId == user.Id).ToListAsync());
        Assert.Single(rows, e => e.Action == AuditAction.Denied.Text() && e.Reason == "GET /api/v1/cases");
        Assert.Single(rows, e => e.Action == AuditAction.SignInFailed.Text());
    }
}

public sealed class AuditChainConcurrencyTests
{
    [Theory, BothProviders]
    public async Task A_save_with_change_detection_off_moves_the_chain_head_too(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        // Bulk loads (the demo generator) turn automatic change detection off; the audit must still move the head.
        await app.WithDbAsync(async db =>
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.Organisations.Add(new Organisation { Name = "Bulk " + Guid.NewGuid().ToString("N")[..8], Type = OrganisationType.Ngo, Region = "Skopje" });
            return await db.SaveChangesAsync();
        });
        await app.NewOrganisationAsync();

        var head = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync());
        Assert.Equal(await app.WithDbAsync(db => db.AuditEntries.MaxAsync(e => e.Sequence)), head.Sequence);
        Assert.True((await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None))).Intact);
    }

    [Theory, BothProviders]
    public async Task Parallel_changes_and_reads_keep_one_unbroken_chain(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var org = await app.NewOrganisationAsync();
        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var first = await client.RegisterAsync();

        var writes = Enumerable.Range(0, 16).Select(i => client.PostJsonAsync("/api/v1/cases", CaseRequests.New($"Paralel{i}")));
        var reads = Enumerable.Range(0, 16).Select(_ => client.GetAsync($"/api/v1/cases/{first.Id}"));
        var responses = await Task.WhenAll(writes.Concat(reads));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"{(int)r.StatusCode}"));
        var verification = await app.WithDbAsync(db => AuditChain.VerifyAsync(db, CancellationToken.None));
        Assert.True(verification.Intact, verification.Problem);
        var rows = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        Assert.Equal(rows, verification.RowsChecked);
    }
}
