using Microsoft.EntityFrameworkCore;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>Cases saved before Case.AgeAtIntake existed get it from the (encrypted) birth date or the estimate.</summary>
public sealed class AgeAtIntakeBackfillTests : IClassFixture<AppPool>
{
    [Theory, BothProviders]
    public async Task Cases_without_an_age_at_intake_get_one_and_a_second_run_changes_nothing(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var born = await data.PersonAsync(dateOfBirth: "2009-06-15");
        var first = await data.CaseAsync(born, new DateOnly(2025, 3, 1));
        var second = await data.CaseAsync(born, new DateOnly(2026, 7, 1));
        var estimated = await data.CaseAsync(await data.PersonAsync(dateOfBirth: "", estimatedAge: 30), new DateOnly(DateTime.UtcNow.Year, 1, 10));
        var unknown = await data.CaseAsync(await data.PersonAsync(dateOfBirth: ""), new DateOnly(2025, 3, 1));
        var ids = new[] { first.Id, second.Id, estimated.Id, unknown.Id };
        // As saved before the column existed: no age.
        await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.AgeAtIntake, (int?)null)));

        var stamped = await app.WithDbAsync(db => AgeAtIntakeBackfill.RunAsync(db, default));
        Assert.True(stamped >= 3, $"{stamped} stamped");
        var ages = await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.AgeAtIntake));
        Assert.Equal(15, ages[first.Id]);
        Assert.Equal(17, ages[second.Id]);
        Assert.Equal(30, ages[estimated.Id]);
        Assert.Null(ages[unknown.Id]);

        Assert.Equal(0, await app.WithDbAsync(db => AgeAtIntakeBackfill.RunAsync(db, default)));
        // The statistics now see the child.
        var byAge = await data.CountAsync("agegroup", "year");
        Assert.Equal(1, byAge.Cell("Child", "2025"));
    }
}
