using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Admin;
using Sigur.Features.Cases;
using Sigur.Features.Identification;
using Sigur.Features.Referrals;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;
using static Sigur.Tests.Platform.AccessMatrixTests;

namespace Sigur.Tests.Platform;

/// <summary>
/// The write rows of the access matrix: every write endpoint of the matrix × (a user with break-glass access to the
/// other organisation's case, a user of an organisation the case is referred to with consent, a user of another
/// organisation) against the other organisation's record → refused, exactly as a record out of scope (404). Reading
/// is wider than writing: the first two read the case, and still must not change anything hanging on it. A class of
/// its own (its own host), so it runs beside the read matrix.
/// </summary>
public sealed class AccessMatrixWriteTests(AppPool pool) : IClassFixture<AppPool>
{
    public enum Reader { BreakGlass, Recipient, OtherOrganisation }

    public static TheoryData<string, Reader> ProvidersAndReaders
    {
        get
        {
            var data = new TheoryData<string, Reader>();
            foreach (var provider in Providers.All)
                foreach (var reader in Enum.GetValues<Reader>()) data.Add(provider, reader);
            return data;
        }
    }

    private static readonly Row[] WriteRows = [.. Matrix.Where(r => r.Method != "GET" && r.OtherRecord is not null)];

    /// <summary>
    /// What a reader may do on the other organisation's case. An organisation a case is referred to may ask the fund
    /// to pay for what it provides the person (the request is its own record; the case's holder is not changed).
    /// </summary>
    private static HttpStatusCode Expected(Row row, Reader reader) =>
        reader == Reader.Recipient && row.Route == "/api/v1/fund/disbursements" ? HttpStatusCode.Created : row.OtherRecord!.Value;

    /// <summary>The role a row is sent as: allowed by its policy, not a keeper of every organisation's record, and able to hold the reader's access.</summary>
    private static Role? RoleFor(Row row, Reader reader)
    {
        var allowed = Policies.RolesOf(row.Policy).Where(r => row.OtherAllowedFor?.Contains(r) != true).ToList();
        var preferred = reader switch
        {
            Reader.BreakGlass => allowed.Where(Policies.BreakGlassUsers.Contains).Concat(allowed.Where(Policies.CaseReaders.Contains)),
            Reader.Recipient => allowed.Where(Policies.CaseReaders.Contains),
            _ => [],
        };
        return preferred.Concat(allowed).Cast<Role?>().FirstOrDefault();
    }

    [Theory, MemberData(nameof(ProvidersAndReaders))]
    public async Task Every_write_endpoint_refuses_a_reader_outside_the_holding_organisation(string provider, Reader reader)
    {
        var app = await pool.GetAsync(provider);
        Assert.NotEmpty(WriteRows);
        var world = await NewWorldAsync(app);
        var failures = new ConcurrentQueue<string>();
        // One user per role; each opens (break-glass) or is opened (referral) the other organisation's cases as the fixtures make them.
        var roles = WriteRows.Select(r => RoleFor(r, reader)).OfType<Role>().Distinct().ToList();
        var users = new Dictionary<Role, (World World, HttpClient Client)>();
        // A case has one active referral to an organisation: the shared case is referred once, for every role.
        if (reader == Reader.Recipient) await Refer(app, world.OtherCase.Id, world.Other.Id, world.Own.Id);
        foreach (var role in roles)
        {
            var user = await app.NewUserAsync(role, world.Own.Id);
            var opened = world with { Open = reader switch
            {
                Reader.BreakGlass => caseId => GrantBreakGlass(app, user, caseId),
                Reader.Recipient => caseId => Refer(app, caseId, world.Other.Id, world.Own.Id),
                _ => null,
            } };
            if (reader == Reader.BreakGlass) await opened.Open!(world.OtherCase.Id);
            var client = await app.SignInAsync(user);
            // The reader really reads the case (or, for another organisation, does not even see it).
            var expected = !Policies.CaseReaders.Contains(role) ? HttpStatusCode.Forbidden
                : reader == Reader.OtherOrganisation ? HttpStatusCode.NotFound : HttpStatusCode.OK;
            var read = await client.GetAsync($"/api/v1/cases/{world.OtherCase.Id}");
            if (read.StatusCode != expected) failures.Enqueue($"{role} ({reader}) GET the other organisation's case: expected {(int)expected}, got {(int)read.StatusCode}");
            users[role] = (opened, client);
        }

        await Parallel.ForEachAsync(WriteRows, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (row, _) =>
        {
            if (RoleFor(row, reader) is not { } role) return;
            var (w, client) = users[role];
            var response = await row.Send(w, AccessMatrixTests.Record.Other, client);
            if (response.StatusCode != Expected(row, reader))
                failures.Enqueue($"{role} ({reader}) {row.Method} {row.Route}: expected {(int)Expected(row, reader)}, got {(int)response.StatusCode}");
        });
        Assert.True(failures.IsEmpty, string.Join('\n', failures.Order()));
    }

    /// <summary>The two holes the write rule closed: a break-glass reader extended another organisation's legal clock and added a screening to its case.</summary>
    [Theory, BothProviders]
    public async Task A_break_glass_reader_neither_extends_a_clock_nor_adds_a_screening(TestApp app)
    {
        var holder = await app.NewOrganisationAsync(OrganisationType.Police);
        var reader = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var c = await (await app.ClientAsync(Role.CaseWorker, holder.Id)).RegisterAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var clockId = await app.WithDbAsync(async db =>
        {
            var due = DateTime.UtcNow.Date.AddDays(30);
            var k = new LegalClock { CaseId = c.Id, OrganisationId = holder.Id, Type = ClockType.RecoveryPeriod, StartsOn = DateTime.UtcNow.Date, DueOn = due, OriginalDueOn = due };
            db.LegalClocks().Add(k);
            await db.SaveChangesAsync();
            return k.Id;
        });
        var user = await app.NewUserAsync(Role.CaseWorker, reader.Id);
        var client = await app.SignInAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.PostJsonAsync("/api/v1/break-glass",
            new BreakGlass.Request(c.Reference, "Test: the person is reported in immediate danger tonight."))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/cases/{c.Id}/identification")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync($"/api/v1/clocks/{clockId}/extend",
            new ChangeClock.Extension(0, today.AddDays(60), "Test"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostJsonAsync($"/api/v1/cases/{c.Id}/screenings",
            new RecordScreening.Request("adult-general", ["AG-DR1"], today))).StatusCode);

        var (dueOn, screenings) = await app.WithDbAsync(async db => (
            await db.LegalClocks().IgnoreQueryFilters().Where(k => k.Id == clockId).Select(k => k.DueOn).SingleAsync(),
            await db.Set<Screening>().IgnoreQueryFilters().CountAsync(s => s.CaseId == c.Id)));
        Assert.Equal(DateTime.UtcNow.Date.AddDays(30), dueOn);
        Assert.Equal(0, screenings);
    }

    private static async Task GrantBreakGlass(TestApp app, TestUser user, Guid caseId)
    {
        await app.WithDbAsync(async db =>
        {
            var personId = await db.Cases.IgnoreQueryFilters().Where(c => c.Id == caseId).Select(c => c.PersonId).SingleAsync();
            db.BreakGlassGrants.Add(new BreakGlassGrant
            {
                UserId = user.Id, OrganisationId = user.OrganisationId, CaseId = caseId, PersonId = personId, Reason = "matrix: write rows",
                GrantedAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.Add(BreakGlassGrant.Duration),
            });
            return await db.SaveChangesAsync();
        });
        // Grants are cached for a few seconds per user; the matrix opens cases faster than that.
        AccessScope.Forget(app.Services.GetRequiredService<IMemoryCache>(), user.Id);
    }

    /// <summary>A consent in force naming the recipient (every data group) and a requested referral to it.</summary>
    private static Task Refer(TestApp app, Guid caseId, Guid holder, Guid recipient) => app.WithDbAsync(async db =>
    {
        var c = await db.Cases.IgnoreQueryFilters().SingleAsync(x => x.Id == caseId);
        db.Add(new Consent
        {
            CaseId = caseId, OrganisationId = holder, Basis = ConsentBasis.Consent, GivenBy = ConsentGiver.Person, RecipientOrganisationIds = [recipient],
            DataGroups = [.. Enum.GetValues<DataGroup>()], Purpose = "matrix", RecordedAt = DateTime.UtcNow, RecordedBy = Guid.NewGuid(), ValidUntil = DateTime.UtcNow.AddDays(30),
        });
        db.Add(new Referral
        {
            CaseId = caseId, PersonId = c.PersonId, CaseReference = c.Reference, OrganisationId = holder, RecipientOrganisationId = recipient,
            Services = [ServiceType.Legal], Status = ReferralStatus.Requested, RequestedAt = DateTime.UtcNow, RequestedBy = Guid.NewGuid(),
        });
        return await db.SaveChangesAsync();
    });
}
