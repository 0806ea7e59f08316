using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Data;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Data;

/// <summary>
/// SigurDb instances are pooled and handed from one request to the next: each must come out bound to its own
/// request's user, and one that went back to the pool must not answer for anybody.
/// </summary>
public sealed class PooledContextTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task A_context_reused_by_another_organisations_request_sees_only_that_organisations_cases(TestApp app)
    {
        var first = await app.NewOrganisationAsync();
        var second = await app.NewOrganisationAsync();
        var firstCase = await (await app.ClientAsync(Role.CaseWorker, first.Id)).RegisterAsync();
        var secondCase = await (await app.ClientAsync(Role.CaseWorker, second.Id)).RegisterAsync();
        var ids = new[] { firstCase.Id, secondCase.Id };

        // Requests one after another, from the two organisations in an irregular order, so that the pool hands the
        // same instances to both whatever its size.
        var random = new Random(20261205);
        var servedFirst = new HashSet<SigurDb>(ReferenceEqualityComparer.Instance);
        var servedSecond = new HashSet<SigurDb>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < 60; i++)
        {
            var organisation = random.Next(2) == 0 ? first : second;
            await using var scope = app.Services.CreateAsyncScope();
            var db = RequestOf(scope, organisation.Id);
            var seen = await db.Cases.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync();
            Assert.Equal([organisation == first ? firstCase.Id : secondCase.Id], seen);
            (organisation == first ? servedFirst : servedSecond).Add(db);
        }
        Assert.True(servedFirst.Overlaps(servedSecond), "No context was reused across organisations: the test proved nothing.");
    }

    [Theory, BothProviders]
    public async Task A_context_back_in_the_pool_answers_nobody(TestApp app)
    {
        var organisation = await app.NewOrganisationAsync();
        SigurDb returned;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            returned = RequestOf(scope, organisation.Id);
            await returned.Cases.CountAsync();
        }
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => returned.Cases.CountAsync());
    }

    /// <summary>The SigurDb a case worker's request of the organisation gets, as the sign-in middleware sets it up.</summary>
    private static SigurDb RequestOf(AsyncServiceScope scope, Guid organisationId)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(CurrentUser.OrganisationClaim, organisationId.ToString()),
            new Claim(CurrentUser.RoleClaim, nameof(Role.CaseWorker)),
        ], "test"));
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetFrom(principal, "127.0.0.1");
        return scope.ServiceProvider.GetRequiredService<SigurDb>();
    }
}
