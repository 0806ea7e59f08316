using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Admin;
using Sigur.Platform;
using Sigur.Platform.Audit;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform.Access;

public sealed class BreakGlassTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task Break_glass_opens_one_case_with_a_reason_audited_and_listed_for_administrators(TestApp app)
    {
        var holder = await app.NewOrganisationAsync();
        var police = await app.NewOrganisationAsync(OrganisationType.Police);
        var owner = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var target = await owner.RegisterAsync();
        var untouched = await owner.RegisterAsync();
        var officer = await app.NewUserAsync(Role.PoliceInvestigator, police.Id);
        var client = await app.SignInAsync(officer);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cases/{target.Id}")).StatusCode);
        var tooShort = await client.PostJsonAsync("/api/v1/break-glass", new BreakGlass.Request(target.Reference, "urgent"));
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);

        const string reason = "Victim reported abducted tonight; need contact details to locate her.";
        var granted = await client.PostJsonAsync("/api/v1/break-glass", new BreakGlass.Request(target.Reference, reason));
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/cases/{target.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cases/{untouched.Id}")).StatusCode);

        // The reason stays with the grant, encrypted; the audit row names the grant.
        var grant = (await granted.ReadAsync<BreakGlass.Grant>());
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.UserId == officer.Id && e.Action == AuditAction.BreakGlass.Text()).ToListAsync());
        Assert.Equal($"grant {grant.Id}", Assert.Single(audit).Reason);
        Assert.Contains(app.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("Break-glass") && l.Contains(target.Id.ToString()));

        var admin = await app.ClientAsync(Role.Administrator, police.Id);
        var grants = await (await admin.GetAsync("/api/v1/break-glass")).ReadAsync<List<BreakGlass.Grant>>();
        Assert.Contains(grants, g => g.CaseId == target.Id && g.UserId == officer.Id && g.Reason == reason);
    }

    [Theory, BothProviders]
    public async Task A_childs_name_stays_out_of_lists_outside_the_holding_organisation(TestApp app)
    {
        var holder = await app.NewOrganisationAsync();
        var police = await app.NewOrganisationAsync(OrganisationType.Police);
        var owner = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var childName = $"Detenaime{Guid.NewGuid():N}"[..18];
        var child = await owner.RegisterAsync(CaseRequests.New(childName) with { Person = CaseRequests.New(childName).Person! with { DateOfBirth = "2014-02-03" } });
        var officer = await app.ClientAsync(Role.PoliceInvestigator, police.Id);
        (await officer.PostJsonAsync("/api/v1/break-glass", new BreakGlass.Request(child.Reference, "Child reported missing from the shelter this evening."))).EnsureSuccessStatusCode();

        var list = await (await officer.GetAsync("/api/v1/cases")).Content.ReadAsStringAsync();
        Assert.Contains(child.Reference, list);
        Assert.DoesNotContain(childName, list);
        var own = await (await owner.GetAsync("/api/v1/cases")).Content.ReadAsStringAsync();
        Assert.Contains(childName, own);
    }
}
