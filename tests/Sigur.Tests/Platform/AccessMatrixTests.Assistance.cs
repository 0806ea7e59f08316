using System.Net;
using Sigur.Features.Assistance;
using Sigur.Features.MobileTeams;
using Sigur.Features.Referrals;
using Sigur.Features.Reintegration;
using Sigur.Features.Services;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>The access matrix rows of the service directory, assistance plans, mobile teams, reintegration and return.</summary>
public sealed partial class AccessMatrixTests
{
    private static readonly EditService.Request MatrixService = new(ServiceType.Psychological, "Matrix counselling", "Skopje", ["mk", "sq"], true, true, true, false,
        "Mon–Fri 9–17", "+389 2 000 000", 10);

    private static Task<OrganisationService> FreshService(World w, Record r) => w.App.WithDbAsync(async db =>
    {
        var s = new OrganisationService { OrganisationId = OrgOf(w, r).Id, Type = ServiceType.Legal, Name = "Matrix legal aid", Region = "Skopje", UpdatedAt = DateTime.UtcNow };
        db.Add(s);
        await db.SaveChangesAsync();
        return s;
    });

    /// <summary>A plan in <paramref name="status"/> on a fresh case, written by someone else (so any user may approve it).</summary>
    private static async Task<AssistancePlan> FreshPlan(World w, Record r, PlanStatus status, bool withService = false)
    {
        var caseId = await FreshCase(w, r);
        return await w.App.WithDbAsync(async db =>
        {
            var p = new AssistancePlan
            {
                CaseId = caseId, OrganisationId = OrgOf(w, r).Id, Status = status, NeedsAssessment = "matrix needs", Goals = "matrix goals",
                NextReviewOn = DateTime.UtcNow.Date.AddDays(60), CreatedAt = DateTime.UtcNow, CreatedBy = Guid.NewGuid(),
                ClosureRequestedBy = status == PlanStatus.ClosureRequested ? Guid.NewGuid() : null,
            };
            if (withService)
                p.Services.Add(new PlannedService { PlanId = p.Id, CaseId = caseId, OrganisationId = p.OrganisationId, Type = ServiceType.Medical, ProviderOrganisationId = p.OrganisationId, PlannedOn = DateTime.UtcNow.Date });
            db.Add(p);
            await db.SaveChangesAsync();
            return p;
        });
    }

    /// <summary>A team coordinated by the record's organisation, with one member of it.</summary>
    private static Task<MobileTeam> FreshTeam(World w, Record r) => w.App.WithDbAsync(async db =>
    {
        var t = new MobileTeam { OrganisationId = OrgOf(w, r).Id, Name = "Matrix team", Region = "Skopje", CreatedAt = DateTime.UtcNow };
        t.Members.Add(new MobileTeamMember { TeamId = t.Id, OrganisationId = OrgOf(w, r).Id, Name = "Matrix worker", Function = "Social worker" });
        db.Add(t);
        await db.SaveChangesAsync();
        return t;
    });

    private static async Task<ReintegrationFollowUp> FreshFollowUp(World w, Record r)
    {
        var caseId = await FreshCase(w, r);
        return await w.App.WithDbAsync(async db =>
        {
            var f = new ReintegrationFollowUp { CaseId = caseId, OrganisationId = OrgOf(w, r).Id, StartedOn = DateTime.UtcNow.Date.AddDays(-30), StartedBy = Guid.NewGuid() };
            db.Add(f);
            await db.SaveChangesAsync();
            return f;
        });
    }

    private static async Task<VoluntaryReturn> FreshReturn(World w, Record r, bool departed = false)
    {
        var caseId = await FreshCase(w, r);
        return await w.App.WithDbAsync(async db =>
        {
            var v = new VoluntaryReturn
            {
                CaseId = caseId, OrganisationId = OrgOf(w, r).Id, DestinationCountry = "AL", RetraffickingRisk = RiskLevel.Low, RiskAssessment = "matrix",
                FamilySituation = "matrix", TravelArrangements = "matrix", ReceptionArrangements = "matrix", PlannedDeparture = DateTime.UtcNow.Date.AddDays(5),
                Status = departed ? ReturnStatus.Returned : ReturnStatus.Planned, DepartedOn = departed ? DateTime.UtcNow.Date.AddDays(-3) : null,
                AssessedAt = DateTime.UtcNow, AssessedBy = Guid.NewGuid(),
            };
            db.Add(v);
            await db.SaveChangesAsync();
            return v;
        });
    }

    private static readonly FollowReintegration.Contact MatrixContact = new(DateOnly.FromDateTime(DateTime.UtcNow), Situation.Stable, Situation.Improving,
        Situation.NotApplicable, Situation.Stable, RiskLevel.Low, "matrix contact");

    private static Row[] AssistanceRows =>
    [
        // The service directory: public to every signed-in user; each organisation edits its own entries, administrators any.
        new("GET", "/api/v1/services/", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/services?type=Legal"), HttpStatusCode.OK),
        new("GET", "/api/v1/services/{id:guid}", Policies.SignedIn, async (w, r, c) => await c.GetAsync($"/api/v1/services/{(await FreshService(w, r)).Id}"), HttpStatusCode.OK),
        new("POST", "/api/v1/services/", Policies.ServiceDirectoryEdit, (w, r, c) => c.PostJsonAsync("/api/v1/services", MatrixService), HttpStatusCode.Created),
        new("PUT", "/api/v1/services/{id:guid}", Policies.ServiceDirectoryEdit, async (w, r, c) =>
            await c.PutJsonAsync($"/api/v1/services/{(await FreshService(w, r)).Id}", MatrixService with { Version = 0 }),
            HttpStatusCode.OK, HttpStatusCode.NotFound, [Role.Administrator]),
        // Assistance plans: the holding organisation only.
        new("GET", "/api/v1/cases/{caseId:guid}/assistance-plans/", Policies.CaseRead, async (w, r, c) =>
            await c.GetAsync($"/api/v1/cases/{(await FreshPlan(w, r, PlanStatus.Draft)).CaseId}/assistance-plans"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/assistance-plans/", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/cases/{await FreshCase(w, r)}/assistance-plans", new CreatePlan.Request("needs", "goals", Today.AddDays(30))),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("PUT", "/api/v1/assistance-plans/{id:guid}/", Policies.CaseWrite, async (w, r, c) =>
            await c.PutJsonAsync($"/api/v1/assistance-plans/{(await FreshPlan(w, r, PlanStatus.Draft)).Id}", new ChangePlan.Edit(0, "needs", "goals", Today.AddDays(20))),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/assistance-plans/{id:guid}/submit", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/assistance-plans/{(await FreshPlan(w, r, PlanStatus.Draft)).Id}/submit", new ChangePlan.Step(0)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/assistance-plans/{id:guid}/decision", Policies.Supervise, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/assistance-plans/{(await FreshPlan(w, r, PlanStatus.AwaitingApproval)).Id}/decision", new ChangePlan.Decision(0, true)),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/assistance-plans/{id:guid}/reviews", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/assistance-plans/{(await FreshPlan(w, r, PlanStatus.Approved)).Id}/reviews", new ChangePlan.Review(0, Today.AddDays(90))),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/assistance-plans/{id:guid}/closure", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/assistance-plans/{(await FreshPlan(w, r, PlanStatus.Approved)).Id}/closure", new ChangePlan.Closure(0, "goals met")),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/assistance-plans/{id:guid}/closure/decision", Policies.Supervise, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/assistance-plans/{(await FreshPlan(w, r, PlanStatus.ClosureRequested)).Id}/closure/decision", new ChangePlan.Decision(0, true)),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/assistance-plans/{id:guid}/services", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/assistance-plans/{(await FreshPlan(w, r, PlanStatus.Approved)).Id}/services", new PlanServices.Planned(ServiceType.Medical, w.Own.Id, Today)),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/assistance-plans/{id:guid}/services/{serviceId:guid}/delivery", Policies.CaseWrite, async (w, r, c) =>
        {
            var p = await FreshPlan(w, r, PlanStatus.Approved, withService: true);
            return await c.PostJsonAsync($"/api/v1/assistance-plans/{p.Id}/services/{p.Services[0].Id}/delivery", new PlanServices.Delivery(Today, "seen by a doctor", 2500, "EUR"));
        }, HttpStatusCode.OK, HttpStatusCode.NotFound),
        // Mobile teams: the coordinating organisation and the members' organisations.
        new("GET", "/api/v1/mobile-teams/", Policies.MobileTeams, (w, r, c) => c.GetAsync("/api/v1/mobile-teams"), HttpStatusCode.OK),
        new("POST", "/api/v1/mobile-teams/", Policies.MobileTeams, (w, r, c) => c.PostJsonAsync("/api/v1/mobile-teams",
            new ManageTeams.Request("Matrix team", "Skopje", [new(OrgOf(w, r).Id, "Matrix worker", "Police officer")])), HttpStatusCode.Created),
        new("GET", "/api/v1/mobile-teams/{id:guid}", Policies.MobileTeams, async (w, r, c) => await c.GetAsync($"/api/v1/mobile-teams/{(await FreshTeam(w, r)).Id}"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/mobile-teams/{id:guid}/members", Policies.MobileTeams, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/mobile-teams/{(await FreshTeam(w, r)).Id}/members", new ManageTeams.MemberInput(w.Own.Id, "Matrix outreach", "Outreach worker")),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/mobile-teams/{id:guid}/visits", Policies.MobileTeams, async (w, r, c) => await c.GetAsync($"/api/v1/mobile-teams/{(await FreshTeam(w, r)).Id}/visits"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/mobile-teams/{id:guid}/visits", Policies.MobileTeams, async (w, r, c) =>
        {
            var t = await FreshTeam(w, r);
            return await c.PostJsonAsync($"/api/v1/mobile-teams/{t.Id}/visits", new RecordFieldVisit.Request(Today, "Skopje", "Bus station", [t.Members[0].Id], 12,
                ["confiscated-documents"], 1, 1, ["MK-2026-000001"]));
        }, HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("GET", "/api/v1/mobile-teams/{id:guid}/report", Policies.MobileTeams, async (w, r, c) => await c.GetAsync($"/api/v1/mobile-teams/{(await FreshTeam(w, r)).Id}/report"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        // Reintegration and return: the holding organisation only.
        new("GET", "/api/v1/cases/{caseId:guid}/reintegration", Policies.CaseRead, async (w, r, c) =>
            await c.GetAsync($"/api/v1/cases/{(await FreshFollowUp(w, r)).CaseId}/reintegration"), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/reintegration", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/cases/{await FreshCase(w, r)}/reintegration", new FollowReintegration.Start(Today)), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/returns", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/cases/{await FreshCase(w, r)}/returns", new PlanReturn.Request("AL", RiskLevel.Medium, "risk", "family", "services",
                "bus", "met by the NGO", Today.AddDays(10))), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/reintegration/{id:guid}/contacts", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/reintegration/{(await FreshFollowUp(w, r)).Id}/contacts", MatrixContact), HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("POST", "/api/v1/reintegration/{id:guid}/closure", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/reintegration/{(await FreshFollowUp(w, r)).Id}/closure", new FollowReintegration.Closure(0, Today, ReintegrationOutcome.Reintegrated, null)),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/returns/{id:guid}/departure", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/returns/{(await FreshReturn(w, r)).Id}/departure", new PlanReturn.Departure(0, Today)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/returns/{id:guid}/cancellation", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/returns/{(await FreshReturn(w, r)).Id}/cancellation", new PlanReturn.Cancellation(0)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/returns/{id:guid}/follow-ups", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/returns/{(await FreshReturn(w, r, departed: true)).Id}/follow-ups", MatrixContact), HttpStatusCode.Created, HttpStatusCode.NotFound),
    ];
}
