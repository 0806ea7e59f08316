using System.Net;
using Microsoft.EntityFrameworkCore;
using Sigur.Features.Admin;
using Sigur.Features.Cases;
using Sigur.Features.Work;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Platform;

/// <summary>The access matrix rows of tasks, "My work", caseloads, responsibility, closure and reopening, and account administration.</summary>
public sealed partial class AccessMatrixTests
{
    /// <summary>An open task of the record's organisation on a fresh case of it.</summary>
    private static async Task<Guid> FreshTask(World w, Record r)
    {
        var caseId = await FreshCase(w, r);
        return await w.App.WithDbAsync(async db =>
        {
            var t = new CaseTask { OrganisationId = OrgOf(w, r).Id, CaseId = caseId, CaseReference = "M", Title = "matrix task", DueOn = DateTime.UtcNow.Date, CreatedAt = DateTime.UtcNow };
            db.CaseTasks().Add(t);
            await db.SaveChangesAsync();
            return t.Id;
        });
    }

    /// <summary>A fresh case of the record's organisation, closed (straight into the database); its version as stored.</summary>
    private static async Task<(Guid Id, long Version)> FreshClosedCase(World w, Record r)
    {
        var caseId = await FreshCase(w, r);
        return await w.App.WithDbAsync(async db =>
        {
            var c = await db.Cases.IgnoreQueryFilters().SingleAsync(x => x.Id == caseId);
            c.Status = CaseStatus.Closed;
            db.CaseClosures().Add(new CaseClosure { CaseId = c.Id, OrganisationId = c.OrganisationId, Step = ClosureStep.Closed, Reason = ClosureReason.GoalsMet, At = DateTime.UtcNow, By = Guid.NewGuid() });
            await db.SaveChangesAsync();
            return (c.Id, c.Version);
        });
    }

    private static async Task<Guid> FreshAccount(World w, Record r) => (await w.App.NewUserAsync(Role.CaseWorker, OrgOf(w, r).Id)).Id;

    private static Row[] WorkRows =>
    [
        // Tasks and responsibility: the holding organisation writes; a reader by referral or break-glass sees only its own tasks.
        new("GET", "/api/v1/cases/{caseId:guid}/tasks", Policies.CaseRead, async (w, r, c) => await c.GetAsync($"/api/v1/cases/{await FreshCase(w, r)}/tasks"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/tasks", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/cases/{await FreshCase(w, r)}/tasks", new WriteTask.Request("Call the school", Today.AddDays(3))),
            HttpStatusCode.Created, HttpStatusCode.NotFound),
        new("PUT", "/api/v1/cases/{caseId:guid}/responsibility", Policies.Supervise, async (w, r, c) =>
            await c.PutJsonAsync($"/api/v1/cases/{await FreshCase(w, r)}/responsibility", new AssignResponsibility.Request(0, null)),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/tasks/{id:guid}/done", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/tasks/{await FreshTask(w, r)}/done", new ChangeTask.Step(0)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/tasks/{id:guid}/cancel", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/tasks/{await FreshTask(w, r)}/cancel", new ChangeTask.Step(0)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/tasks/{id:guid}/assignee", Policies.Supervise, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/tasks/{await FreshTask(w, r)}/assignee", new ChangeTask.Reassignment(0, null)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("GET", "/api/v1/work", Policies.CaseRead, (w, r, c) => c.GetAsync("/api/v1/work"), HttpStatusCode.OK),
        new("GET", "/api/v1/caseload", Policies.Supervise, (w, r, c) => c.GetAsync("/api/v1/caseload"), HttpStatusCode.OK),
        // Closing and reopening: the holding organisation only.
        new("GET", "/api/v1/cases/{caseId:guid}/closure", Policies.CaseRead, async (w, r, c) => await c.GetAsync($"/api/v1/cases/{await FreshCase(w, r)}/closure"),
            HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/closure", Policies.CaseWrite, async (w, r, c) =>
            await c.PostJsonAsync($"/api/v1/cases/{await FreshCase(w, r)}/closure", new CloseCase.Request(0, ClosureReason.GoalsMet)), HttpStatusCode.OK, HttpStatusCode.NotFound),
        new("POST", "/api/v1/cases/{caseId:guid}/reopening", Policies.CaseWrite, async (w, r, c) =>
        {
            var (id, version) = await FreshClosedCase(w, r);
            return await c.PostJsonAsync($"/api/v1/cases/{id}/reopening", new ReopenCase.Request(version, "matrix: the person came back"));
        }, HttpStatusCode.OK, HttpStatusCode.NotFound),
        // Accounts: administrators for anyone's; every user their own sessions (signing out the others is sent with a session of its own).
        new("POST", "/api/v1/users/{id:guid}/password-reset", Policies.Administration, async (w, r, c) =>
            await c.PostAsync($"/api/v1/users/{await FreshAccount(w, r)}/password-reset", null), HttpStatusCode.OK),
        new("POST", "/api/v1/users/{id:guid}/authenticator-reset", Policies.Administration, async (w, r, c) =>
            await c.PostAsync($"/api/v1/users/{await FreshAccount(w, r)}/authenticator-reset", null), HttpStatusCode.OK),
        new("PUT", "/api/v1/users/{id:guid}/role", Policies.Administration, async (w, r, c) =>
            await c.PutJsonAsync($"/api/v1/users/{await FreshAccount(w, r)}/role", new ManageAccounts.RoleChange(Role.Supervisor, OrgOf(w, r).Id)), HttpStatusCode.OK),
        new("GET", "/api/v1/users/{id:guid}/sessions", Policies.Administration, async (w, r, c) =>
            await c.GetAsync($"/api/v1/users/{await FreshAccount(w, r)}/sessions"), HttpStatusCode.OK),
        new("GET", "/api/v1/me/sessions", Policies.SignedIn, (w, r, c) => c.GetAsync("/api/v1/me/sessions"), HttpStatusCode.OK),
        new("POST", "/api/v1/me/sessions/sign-out-others", Policies.SignedIn, async (w, r, c) =>
            await (await w.App.ClientAsync(Role.CaseWorker, w.Own.Id)).PostAsync("/api/v1/me/sessions/sign-out-others", null), HttpStatusCode.NoContent),
    ];
}
