using Microsoft.EntityFrameworkCore;
using Sigur.Features.Admin;
using Sigur.Features.Fund;
using Sigur.Features.Hotline;
using Sigur.Features.Identification;
using Sigur.Features.Justice;
using Sigur.Features.MobileTeams;
using Sigur.Features.Services;
using Sigur.Features.Shelters;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Admin;

/// <summary>The demo fills every area (issue 16 §7), once: seeding again adds no second shelter, grant or team.</summary>
public sealed class DemoActivityTests
{
    [Theory, BothProviders]
    public async Task The_demo_fills_every_area_once(string provider)
    {
        await using var app = await TestApp.StartAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        await DemoData.SeedAsync(app.Services, 300, null, ct);
        await DemoData.SeedAsync(app.Services, 10, null, ct);
        await app.WithDbAsync(async db =>
        {
            var today = DateTime.UtcNow.Date;
            Assert.Equal(1, await db.Set<Shelter>().CountAsync(ct));
            var stays = await db.Set<ShelterPlacement>().IgnoreQueryFilters().CountAsync(p => p.DischargedAt == null, ct);
            Assert.InRange(stays, 1, 4);
            Assert.Equal(stays, (await db.Set<ShelterPlaces>().ToListAsync(ct)).Sum(p => p.Occupied));
            Assert.Equal(1, await db.Set<Grant>().IgnoreQueryFilters().CountAsync(ct));
            Assert.Equal(3, await db.Set<BudgetLine>().IgnoreQueryFilters().CountAsync(ct));
            var requests = await db.Set<Disbursement>().IgnoreQueryFilters().Select(d => d.Status).ToListAsync(ct);
            Assert.Equal([DisbursementStatus.Requested, DisbursementStatus.Approved, DisbursementStatus.Paid], requests.Order());
            Assert.True(await db.OrganisationServices().CountAsync(ct) >= 5);
            Assert.Equal(1, await db.Set<MobileTeam>().CountAsync(ct));
            Assert.Equal(3, await db.Set<FieldVisit>().CountAsync(ct));
            Assert.Equal(4, await db.HotlineContacts().IgnoreQueryFilters().CountAsync(ct));
            Assert.True(await db.Set<Proceeding>().IgnoreQueryFilters().CountAsync(ct) >= 2);
            Assert.True(await db.Set<Suspect>().IgnoreQueryFilters().CountAsync(ct) >= 2);
            var due = await db.LegalClocks().IgnoreQueryFilters().Where(k => k.State == ClockState.Running).Select(k => k.DueOn).ToListAsync(ct);
            Assert.Equal(3, due.Count(d => d > today && d <= today.AddDays(7)));
            // The same woman held by the police and the social work centre waits for the data-protection officer.
            var pending = await db.Set<Sigur.Features.Statistics.PersonLink>().CountAsync(l => !l.Confirmed && !l.Rejected, ct);
            Assert.True(pending >= 1, $"{pending} pairs pending");
            return 0;
        });
    }
}
