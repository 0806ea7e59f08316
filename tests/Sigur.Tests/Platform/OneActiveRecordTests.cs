using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Assistance;
using Sigur.Features.Hotline;
using Sigur.Features.Identification;
using Sigur.Features.Referrals;
using Sigur.Features.Reintegration;
using Sigur.Features.Shelters;
using Sigur.Platform;
using Sigur.Platform.Access;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>
/// "At most one active X per case" invariants were check-then-insert: parallel requests all found none and all
/// inserted (8 parallel referrals made 2–5 on SQLite, 4–8 on PostgreSQL). Each is now a filtered unique index, and
/// the request that loses the race answers the same 409 as a request that comes late. Eight at once, both providers.
/// </summary>
public sealed class OneActiveRecordTests(AppPool pool) : IClassFixture<AppPool>
{
    private const int Parallel = 8;

    public enum Invariant { ReferralPerRecipient, AssistancePlan, ReintegrationFollowUp, PlannedReturn, RecoveryPeriod, WaitingListEntry }

    public static TheoryData<string, Invariant> ProvidersAndInvariants
    {
        get
        {
            var data = new TheoryData<string, Invariant>();
            foreach (var provider in Providers.All)
                foreach (var invariant in Enum.GetValues<Invariant>()) data.Add(provider, invariant);
            return data;
        }
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Theory, MemberData(nameof(ProvidersAndInvariants))]
    public async Task Parallel_requests_make_one_active_record_and_the_rest_answer_409(string provider, Invariant invariant)
    {
        var app = await pool.GetAsync(provider);
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync();
        Func<Task<HttpResponseMessage>> send;
        Func<Task<int>> active;
        switch (invariant)
        {
            case Invariant.ReferralPerRecipient:
                var recipient = await app.NewOrganisationAsync(OrganisationType.ShelterOperator);
                Assert.Equal(HttpStatusCode.Created, (await worker.PostJsonAsync($"/api/v1/cases/{c.Id}/consents", new RecordConsent.Request(
                    ConsentGiver.Person, [recipient.Id], [DataGroup.Identity], "Shelter", Today.AddMonths(1)))).StatusCode);
                send = () => worker.PostJsonAsync("/api/v1/referrals", new CreateReferral.Request(c.Id, recipient.Id, [ServiceType.Accommodation]));
                active = () => Count<Referral>(app, r => r.CaseId == c.Id && r.RecipientOrganisationId == recipient.Id
                    && (r.Status == ReferralStatus.Requested || r.Status == ReferralStatus.Accepted));
                break;
            case Invariant.AssistancePlan:
                send = () => worker.PostJsonAsync($"/api/v1/cases/{c.Id}/assistance-plans", new CreatePlan.Request("needs", "goals", Today.AddDays(30)));
                active = () => Count<AssistancePlan>(app, p => p.CaseId == c.Id && p.Status != PlanStatus.Closed);
                break;
            case Invariant.ReintegrationFollowUp:
                send = () => worker.PostJsonAsync($"/api/v1/cases/{c.Id}/reintegration", new FollowReintegration.Start(Today));
                active = () => Count<ReintegrationFollowUp>(app, f => f.CaseId == c.Id && f.ClosedOn == null);
                break;
            case Invariant.PlannedReturn:
                send = () => worker.PostJsonAsync($"/api/v1/cases/{c.Id}/returns", new PlanReturn.Request("AL", RiskLevel.Medium, "risk", "family", "services",
                    "bus", "met by the NGO", Today.AddDays(10)));
                active = () => Count<VoluntaryReturn>(app, r => r.CaseId == c.Id && r.Status == ReturnStatus.Planned);
                break;
            case Invariant.RecoveryPeriod:
                send = () => worker.PostJsonAsync($"/api/v1/cases/{c.Id}/recovery-period", new StartRecoveryPeriod.Request(Today));
                active = () => Count<LegalClock>(app, k => k.CaseId == c.Id && k.Type == ClockType.RecoveryPeriod && k.State == ClockState.Running);
                break;
            default:
                var shelter = await app.WithDbAsync(async db =>
                {
                    var s = new Shelter { OrganisationId = holder.Id, Name = "Race shelter", Address = "race address" };
                    db.Add(s);
                    await db.SaveChangesAsync();
                    return s.Id;
                });
                var staff = await app.ClientAsync(Role.ShelterStaff, holder.Id);
                send = () => staff.PostJsonAsync($"/api/v1/shelters/{shelter}/waiting-list", new ShelterResidents.WaitRequest(c.Id));
                active = () => Count<ShelterWaitingEntry>(app, e => e.ShelterId == shelter && e.CaseId == c.Id && e.RemovedAt == null);
                break;
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => send()));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(Parallel - 1, statuses.Count(s => s == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await active());
    }

    /// <summary>The year's hotline reference counter was made by the first contact of the year, check-then-insert: two first contacts at once failed one (500).</summary>
    [Theory, BothProviders]
    public async Task Parallel_first_contacts_of_a_year_all_get_distinct_references(TestApp app)
    {
        var hotline = await app.NewOrganisationAsync(OrganisationType.Ngo);
        var operators = await Task.WhenAll(Enumerable.Range(0, Parallel).Select(_ => app.ClientAsync(Role.HotlineOperator, hotline.Id)));
        // As on the first contact of a new year: no counter row yet, no contact numbered this year in this class's database.
        await app.WithDbAsync(db => db.Set<HotlineReferenceCounter>().Where(c => c.Year == DateTime.UtcNow.Year).ExecuteDeleteAsync());

        var responses = await Task.WhenAll(operators.Select(o => o.PostJsonAsync("/api/v1/hotline/contacts", new LogContact.Request(ContactChannel.Call, CallerType.Anonymous))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var references = await app.WithDbAsync(db => db.HotlineContacts().IgnoreQueryFilters().Where(c => c.OrganisationId == hotline.Id).Select(c => c.Reference).ToListAsync());
        Assert.Equal(Parallel, references.Distinct().Count());
    }

    private static Task<int> Count<T>(TestApp app, System.Linq.Expressions.Expression<Func<T, bool>> where) where T : class =>
        app.WithDbAsync(db => db.Set<T>().IgnoreQueryFilters().CountAsync(where));
}
