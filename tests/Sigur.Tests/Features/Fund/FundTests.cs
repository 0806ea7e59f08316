using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Fund;
using Sigur.Platform.Audit;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Fund;

public sealed class FundTests : IClassFixture<AppPool>
{
    private sealed record FundWorld(HttpClient Officer, HttpClient SecondOfficer, HttpClient Worker, RegisterCase.Response Case, GrantView Grant)
    {
        public BudgetLineView Line(AssistanceCategory category) => Grant.Lines.Single(l => l.Category == category);

        public Task<HttpResponseMessage> Request(HttpClient client, long amount, string receipt, string supplier = "Apteka Zdravje", Guid? caseId = null,
            AssistanceCategory category = AssistanceCategory.Medical) =>
            client.PostJsonAsync("/api/v1/fund/disbursements", new RequestDisbursement.Request(
                caseId ?? Case.Id, Line(category).Id, amount, "EUR", "Prescribed medicines", supplier, receipt));
    }

    private static async Task<FundWorld> FundAsync(TestApp app, long medical = 100_000)
    {
        var fundOrg = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var officer = await app.ClientAsync(Role.FundOfficer, fundOrg.Id);
        var second = await app.ClientAsync(Role.FundOfficer, fundOrg.Id);
        var holder = await app.NewOrganisationAsync(OrganisationType.SocialWorkCentre);
        var worker = await app.ClientAsync(Role.CaseWorker, holder.Id);
        var c = await worker.RegisterAsync();
        var donor = await (await officer.PostJsonAsync("/api/v1/fund/donors", new ManageGrants.DonorRequest("Donor Foundation"))).ReadAsync<ManageGrants.DonorView>();
        var created = await officer.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "Direct assistance 2026", 1_000_000, "EUR",
            new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), [new(AssistanceCategory.Medical, medical), new(AssistanceCategory.Food, 50_000)]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return new FundWorld(officer, second, worker, c, await created.ReadAsync<GrantView>());
    }

    [Theory, BothProviders]
    public async Task Sixty_four_parallel_approvals_never_overspend_a_budget_line(TestApp app)
    {
        var w = await FundAsync(app, medical: 100_000);
        var requests = new List<DisbursementView>();
        foreach (var batch in Enumerable.Range(0, 64).Chunk(8))
            foreach (var response in await Task.WhenAll(batch.Select(i => w.Request(w.Worker, 5_000, $"R-{i:D3}"))))
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                requests.Add(await response.ReadAsync<DisbursementView>());
            }

        var answers = await Task.WhenAll(requests.Select(r => w.Officer.PostAsync($"/api/v1/fund/disbursements/{r.Id}/approve", null)));

        Assert.Equal(20, answers.Count(a => a.StatusCode == HttpStatusCode.OK)); // 20 × 5,000 = 100,000
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var budget = await (await w.Officer.GetAsync("/api/v1/fund/budget")).ReadAsync<List<GrantView>>();
        var line = budget.Single(g => g.Id == w.Grant.Id).Lines.Single(l => l.Category == AssistanceCategory.Medical);
        Assert.Equal((100_000L, 0L, 44 * 5_000L), (line.Approved, line.Available, line.Pending));
        var approved = await (await w.Officer.GetAsync("/api/v1/fund/disbursements?status=Approved")).ReadAsync<List<DisbursementView>>();
        Assert.Equal(20, approved.Count(d => d.BudgetLineId == line.Id));
    }

    [Theory, BothProviders]
    public async Task Four_eyes_the_requester_never_decides_their_own_request(TestApp app)
    {
        var w = await FundAsync(app);
        // A fund officer may ask for a cost of a case their organisation sees... (here: the fund's own case)
        var ownCase = await (await app.ClientAsync(Role.CaseWorker, w.Grant.OrganisationId)).RegisterAsync();
        var mine = await (await w.Request(w.Officer, 2_500, "F-1", caseId: ownCase.Id)).ReadAsync<DisbursementView>();
        Assert.Equal(HttpStatusCode.Conflict, (await w.Officer.PostAsync($"/api/v1/fund/disbursements/{mine.Id}/approve", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await w.Officer.PostJsonAsync($"/api/v1/fund/disbursements/{mine.Id}/reject", new DecideDisbursement.RejectRequest("mine"))).StatusCode);
        // ...and a second officer decides it.
        var approved = await w.SecondOfficer.PostAsync($"/api/v1/fund/disbursements/{mine.Id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(DisbursementStatus.Approved, (await approved.ReadAsync<DisbursementView>()).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await w.Officer.PostAsync($"/api/v1/fund/disbursements/{mine.Id}/approve", null)).StatusCode);

        // Requesters see their own requests; a third organisation sees none; only the fund's officers decide.
        var theirs = await (await w.Request(w.Worker, 1_000, "W-1")).ReadAsync<DisbursementView>();
        Assert.Contains(await (await w.Worker.GetAsync("/api/v1/fund/disbursements")).ReadAsync<List<DisbursementView>>(), d => d.Id == theirs.Id);
        var stranger = await app.ClientAsync(Role.FundOfficer, (await app.NewOrganisationAsync()).Id);
        Assert.DoesNotContain(await (await stranger.GetAsync("/api/v1/fund/disbursements")).ReadAsync<List<DisbursementView>>(), d => d.Id == theirs.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/fund/disbursements/{theirs.Id}/approve", null)).StatusCode);
    }

    [Theory, BothProviders]
    public async Task The_same_cost_is_never_paid_twice(TestApp app)
    {
        var w = await FundAsync(app);
        var first = await w.Request(w.Worker, 3_000, "INV-2026-17");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        // Same case, same supplier (however spelt), same receipt: refused, even from another line.
        Assert.Equal(HttpStatusCode.Conflict, (await w.Request(w.Worker, 3_000, "INV-2026-17", supplier: "APTEKA   zdravje")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await w.Request(w.Worker, 1_000, "INV-2026-17", category: AssistanceCategory.Food)).StatusCode);
        // Many at once: one wins.
        var parallel = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => w.Request(w.Worker, 700, "INV-PAR")));
        Assert.Single(parallel, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(parallel.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        // Another receipt, or another case, is another cost.
        Assert.Equal(HttpStatusCode.Created, (await w.Request(w.Worker, 3_000, "INV-2026-18")).StatusCode);
        var otherCase = await w.Worker.RegisterAsync();
        Assert.Equal(HttpStatusCode.Created, (await w.Request(w.Worker, 3_000, "INV-2026-17", caseId: otherCase.Id)).StatusCode);
        // A rejected request does not block a corrected one.
        var firstId = (await first.ReadAsync<DisbursementView>()).Id;
        var rejected = await w.Officer.PostJsonAsync($"/api/v1/fund/disbursements/{firstId}/reject",
            new DecideDisbursement.RejectRequest("Receipt illegible"));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        // The rejection is audited as what it is, not as a plain update.
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Reject.Text() && e.RecordIds == firstId.ToString())));
        Assert.Equal(HttpStatusCode.Created, (await w.Request(w.Worker, 3_000, "INV-2026-17")).StatusCode);
        // Money in another currency than the line is refused; so is a case the requester cannot see.
        var mkd = await w.Worker.PostJsonAsync("/api/v1/fund/disbursements", new RequestDisbursement.Request(w.Case.Id, w.Line(AssistanceCategory.Medical).Id, 100, "MKD", "x", "y", "z"));
        Assert.Equal(HttpStatusCode.BadRequest, mkd.StatusCode);
        var stranger = await app.ClientAsync(Role.CaseWorker, (await app.NewOrganisationAsync()).Id);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Request(stranger, 100, "S-1")).StatusCode);
    }

    [Theory, BothProviders]
    public async Task The_fund_page_speaks_the_user_s_language_code_list_labels_and_dates_included(TestApp app)
    {
        var fund = await app.NewOrganisationAsync(OrganisationType.NationalCoordinatorOffice);
        var officer = await app.ClientAsync(Role.FundOfficer, fund.Id);
        var donor = await (await officer.PostJsonAsync("/api/v1/fund/donors", new ManageGrants.DonorRequest("Donor"))).ReadAsync<ManageGrants.DonorView>();
        await officer.PostJsonAsync("/api/v1/fund/grants", new ManageGrants.GrantRequest(donor.Id, "Grant", 1000, "EUR", new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31),
            [new(AssistanceCategory.Medical, 1000)]));

        var mk = await Pages.ReadAsync(officer, "/Fund", "mk");
        Assert.Contains("Фонд за директна помош", mk);
        Assert.Contains("Медицинска помош", mk); // AssistanceCategory.Medical
        Assert.DoesNotContain("Direct Assistance Fund", mk);
        var en = await Pages.ReadAsync(officer, "/Fund", "en");
        Assert.Contains(">Medical<", en);
        Assert.DoesNotContain("AssistanceCategory.", en);
        Assert.Contains("31/12/2026", en); // English dates day first, as everyone in the region reads them
        Assert.DoesNotContain("12/31/2026", en);
    }

    [Theory, BothProviders]
    public async Task A_decided_request_leaves_no_notice_waiting_and_fund_officers_get_no_form_to_ask_the_fund(TestApp app)
    {
        var w = await FundAsync(app);
        async Task<int> Waiting() => (await (await w.Officer.GetAsync("/api/v1/notifications?unreadOnly=true")).ReadAsync<Sigur.Platform.Notifications.NotificationApi.Response>())
            .Items.Count(n => n.Kind == RequestDisbursement.ApprovalWaiting && n.Arguments.Contains(w.Case.Reference));
        var first = await (await w.Request(w.Worker, 1_000, "R-approve")).ReadAsync<DisbursementView>();
        var second = await (await w.Request(w.Worker, 1_000, "R-reject")).ReadAsync<DisbursementView>();
        Assert.Equal(2, await Waiting());

        Assert.Equal(HttpStatusCode.OK, (await w.Officer.PostAsync($"/api/v1/fund/disbursements/{first.Id}/approve", null)).StatusCode);
        Assert.Equal(1, await Waiting());
        Assert.Equal(HttpStatusCode.OK, (await w.SecondOfficer.PostJsonAsync($"/api/v1/fund/disbursements/{second.Id}/reject", new DecideDisbursement.RejectRequest("No receipt"))).StatusCode);
        Assert.Equal(0, await Waiting());

        // Those who hold cases ask; the fund's officers decide and are offered no form they could not use.
        Assert.Equal(HttpStatusCode.Forbidden, (await w.Request(w.Officer, 1_000, "R-officer")).StatusCode);
        Assert.DoesNotContain("id=\"ask-the-fund\"", await Pages.ReadAsync(w.Officer, "/Fund", "en"));
        Assert.Contains("id=\"ask-the-fund\"", await Pages.ReadAsync(w.Worker, "/Fund", "en"));
    }
}
