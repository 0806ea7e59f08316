using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Assistance;
using Sigur.Features.Identification;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Identification;

/// <summary>A plan review names a plan of the case it is scheduled on, never another case's or another organisation's.</summary>
public sealed class PlanReviewTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task A_plan_review_names_a_plan_of_its_own_case(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        var worker = await app.ClientAsync(Role.CaseWorker, org.Id);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var withPlan = await worker.RegisterAsync();
        var withoutPlan = await worker.RegisterAsync(CaseRequests.New("Elena"));
        var plan = await (await worker.PostJsonAsync($"/api/v1/cases/{withPlan.Id}/assistance-plans",
            new CreatePlan.Request("Needs housing.", "Safe housing.", today.AddDays(30)))).ReadAsync<PlanView>();
        var other = await app.NewOrganisationAsync();
        var stranger = await app.ClientAsync(Role.CaseWorker, other.Id);
        var strangersCase = await stranger.RegisterAsync(CaseRequests.New("Jovana"));

        async Task<HttpStatusCode> Schedule(HttpClient client, Guid caseId, Guid? planId) =>
            (await client.PostJsonAsync($"/api/v1/cases/{caseId}/plan-reviews", new SchedulePlanReview.Request(today.AddDays(14), planId))).StatusCode;

        Assert.Equal(HttpStatusCode.BadRequest, await Schedule(worker, withoutPlan.Id, plan.Id));
        Assert.Equal(HttpStatusCode.BadRequest, await Schedule(stranger, strangersCase.Id, plan.Id));
        Assert.Equal(HttpStatusCode.BadRequest, await Schedule(worker, withPlan.Id, Guid.NewGuid()));
        Assert.Equal(0, await app.WithDbAsync(db => db.LegalClocks().IgnoreQueryFilters()
            .CountAsync(k => k.Type == ClockType.AssistancePlanReview && (k.CaseId == withoutPlan.Id || k.CaseId == strangersCase.Id || (k.CaseId == withPlan.Id && k.SubjectId != plan.Id)))));

        Assert.Equal(HttpStatusCode.Created, await Schedule(worker, withPlan.Id, plan.Id));
        Assert.Equal(HttpStatusCode.Created, await Schedule(worker, withoutPlan.Id, null));
    }
}
