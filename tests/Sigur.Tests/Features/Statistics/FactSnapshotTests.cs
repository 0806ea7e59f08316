using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>
/// The in-memory fact snapshot counts every table exactly as the facts do, and stays exactly in step with the
/// database through the statistics journal, whoever writes.
/// </summary>
public sealed class FactSnapshotTests : IClassFixture<AppPool>
{
    private static readonly StatisticsContext Context = new("MK");

    [Fact]
    public void Every_dimension_reads_one_column_of_the_snapshot() =>
        Assert.All(Dimensions.All, d => Assert.True(FactView.ColumnOf(d) >= 0, d.Name));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Random_tables_from_the_snapshot_equal_those_counted_from_the_facts(bool persons)
    {
        var random = new Random(persons ? 11 : 12);
        var facts = RandomFacts(random, 400, persons);
        var view = new FactView(persons);
        view.Replace([], facts.Select(f => (f.Owner, f.Fact)));
        AssertSameTables(random, facts.Select(f => f.Fact).ToList(), view);

        // Owners recounted (the journal's replay): their facts replaced by new ones, some owners gone.
        var changed = facts.Select(f => f.Owner).Distinct().Where(_ => random.Next(3) == 0).ToHashSet();
        var replacements = RandomFacts(random, 150, persons).Where(f => changed.Contains(f.Owner) || random.Next(4) == 0).ToList();
        view.Replace(changed, replacements.Select(f => (f.Owner, f.Fact)));
        var now = facts.Where(f => !changed.Contains(f.Owner) && !replacements.Any(r => r.Owner == f.Owner)).Concat(replacements).Select(f => f.Fact).ToList();
        Assert.Equal(now.Count, view.Count);
        AssertSameTables(random, now, view);
    }

    [Theory, BothProviders]
    public async Task After_concurrent_writes_every_table_agrees_with_a_recount_from_the_database(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var snapshot = app.Services.GetRequiredService<FactSnapshot>();
        var people = new List<Person>();
        for (var i = 0; i < 12; i++)
        {
            var p = await data.PersonAsync(i % 3 == 0 ? Sex.Male : Sex.Female, $"{1980 + i * 2}-05-01", i % 4 == 0 ? ["MK", "AL"] : ["RS"]);
            await data.CaseAsync(p, new DateOnly(2022 + i % 3, 3, 1), (IdentificationStatus)(i % 3), i % 2 == 0 ? ["ForcedLabour"] : ["SexualExploitation", "ForcedBegging"]);
            people.Add(p);
        }
        var specs = new[] { ("sex", "year"), ("agegroup", "status"), ("citizenship", "year"), ("form", "sex"), ("nationality", "channel") };
        await AssertAgreesAsync(app, snapshot, data, specs); // the snapshot is built here; what follows it learns from the journal

        await Task.WhenAll(
            Task.Run(async () =>
            {
                for (var i = 0; i < 6; i++) await data.CaseAsync(await data.PersonAsync(Sex.Male, "2009-01-01", ["AL"]), new DateOnly(2024, 6, 1), IdentificationStatus.Presumed);
            }),
            Task.Run(async () =>
            {
                foreach (var p in people.Take(4)) await app.WithDbAsync(async db =>
                {
                    var person = await db.Persons.IgnoreQueryFilters().SingleAsync(x => x.Id == p.Id);
                    person.Sex = person.Sex == Sex.Male ? Sex.Female : Sex.Male;
                    person.Citizenships = ["XK"];
                    return await db.SaveChangesAsync();
                });
            }),
            Task.Run(async () =>
            {
                // A second case for a person in another year, then that person merged with another by a confirmed link.
                await data.CaseAsync(people[5], new DateOnly(2025, 2, 1), IdentificationStatus.Identified, ["Slavery"]);
                await data.LinkAsync(people[5], people[6], confirmed: true);
                await data.LinkAsync(people[7], people[8], confirmed: false);
            }),
            Task.Run(async () =>
            {
                foreach (var p in people.Skip(9)) await app.WithDbAsync(async db =>
                {
                    var c = await db.Cases.IgnoreQueryFilters().SingleAsync(x => x.PersonId == p.Id);
                    c.IdentificationStatus = IdentificationStatus.Identified;
                    c.IntakeDate = c.IntakeDate.AddYears(-1);
                    c.PersonId = people[0].Id; // moved to another person, as a merge does
                    return await db.SaveChangesAsync();
                });
            }));

        await AssertAgreesAsync(app, snapshot, data, specs);
        // The link is undone: the persons count apart again.
        await app.WithDbAsync(async db =>
        {
            db.Set<PersonLink>().Remove(await db.Set<PersonLink>().SingleAsync(l => l.PersonAId == people[5].Id));
            return await db.SaveChangesAsync();
        });
        await AssertAgreesAsync(app, snapshot, data, specs);
    }

    [Theory, BothProviders]
    public async Task A_bulk_import_is_counted_by_the_next_table(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var snapshot = app.Services.GetRequiredService<FactSnapshot>();
        await data.CaseAsync(await data.PersonAsync(), new DateOnly(2024, 1, 5));
        var specs = new[] { ("sex", "year"), ("citizenship", "agegroup") };
        await AssertAgreesAsync(app, snapshot, data, specs);

        var file = Sigur.Platform.CsvText.ReadAll(new StringReader(string.Join('\n',
            ["intakeDate;sex;age;citizenship;forms;region", .. Enumerable.Range(0, 40).Select(i => $"2024-0{1 + i % 9}-1{i % 9};{(i % 3 == 0 ? "Male" : "Female")};{10 + i};{(i % 4 == 0 ? "MK,AL" : "RS")};ForcedLabour;Skopje")])));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var result = await ImportCases.RunAsync(scope.ServiceProvider, file, new ImportCases.Options(ImportCases.Layout.Sigur, data.Organisation.Id, DryRun: false), null, default);
            Assert.True(result.Written == 40, result.ToString());
        }
        await data.AdoptImportedAsync();
        await AssertAgreesAsync(app, snapshot, data, specs);
        var total = await app.WithDbAsync(db => snapshot.ReadAsync(db, CountingUnit.Person, ReferenceDate.Intake,
            view => FreeTables.Publish(view, new TableSpec("sex", null, [Filter.Parse(data.RegionFilter, out _)!]), Context, 1), default));
        Assert.Equal(41, total.Cells[^1][^1]);
    }

    /// <summary>Threshold 1 withholds nothing, so every cell is compared, for persons and cases, by intake and by registration.</summary>
    private static async Task AssertAgreesAsync(TestApp app, FactSnapshot snapshot, StatisticsData data, (string Rows, string Cols)[] specs)
    {
        foreach (var unit in new[] { CountingUnit.Person, CountingUnit.Case })
            foreach (var reference in new[] { ReferenceDate.Intake, ReferenceDate.Registration })
                foreach (var (rows, cols) in specs)
                {
                    var spec = new TableSpec(rows, cols, [Filter.Parse(data.RegionFilter, out _)!], unit, reference);
                    var fromSnapshot = await app.WithDbAsync(db => snapshot.ReadAsync(db, unit, reference, view => FreeTables.Publish(view, spec, Context, 1), default));
                    var recount = await app.WithDbAsync(async db => FreeTables.Publish(await VictimFacts.LoadAsync(db, unit, reference, "MK", default), spec, Context, 1));
                    Assert.True(recount.Cells[^1][^1] > 0);
                    Assert.Equal(recount.RowCategories, fromSnapshot.RowCategories);
                    Assert.Equal(recount.ColumnCategories, fromSnapshot.ColumnCategories);
                    Assert.Equal(recount.Cells, fromSnapshot.Cells);
                }
    }

    private static void AssertSameTables(Random random, List<VictimFact> facts, FactView view)
    {
        var names = Dimensions.All.Where(d => d.Name is not ("outcome" or "stage")).Select(d => d.Name).ToArray();
        for (var i = 0; i < 150; i++)
        {
            var chosen = names.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).ToArray();
            var filters = chosen.Skip(2).Select(d =>
            {
                var values = Dimensions.Find(d)!.FixedCategories ?? facts.SelectMany(f => Dimensions.Find(d)!.Values(f, Context)).Distinct().ToList();
                return new Filter(d, [random.Next(8) == 0 ? "Nobody" : values[random.Next(values.Count)]]);
            }).ToList();
            var spec = new TableSpec(chosen[0], chosen.Length > 1 ? chosen[1] : null, filters);
            var threshold = random.Next(1, 6);
            var expected = FreeTables.Publish(facts, spec, Context, threshold);
            var actual = FreeTables.Publish(view, spec, Context, threshold);
            Assert.Equal(expected.RowCategories, actual.RowCategories);
            Assert.Equal(expected.ColumnCategories, actual.ColumnCategories);
            Assert.Equal(expected.Cells, actual.Cells);
        }
    }

    /// <summary>
    /// Facts of random owners: for persons, an owner's facts are one unit in several years; for cases, each fact is
    /// a unit (a case) and an owner (a person) has one or two.
    /// </summary>
    private static List<(Guid Owner, VictimFact Fact)> RandomFacts(Random random, int owners, bool persons)
    {
        string[] countries = ["MK", "AL", "RS", "DE", "XK"];
        string[] forms = ["SexualExploitation", "ForcedLabour", "ForcedBegging", "Slavery"];
        T One<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
        string[] Some(string[] items) => [.. items.Where(_ => random.Next(items.Length + 1) == 0).Order(StringComparer.Ordinal)];
        var facts = new List<(Guid, VictimFact)>();
        for (var o = 0; o < owners; o++)
        {
            var owner = new Guid(o + 1, 0, 0, new byte[8]);
            var years = Enumerable.Range(2020, 5).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            foreach (var year in years)
            {
                facts.Add((owner, new VictimFact(persons ? owner : Guid.NewGuid(), random.Next(10) == 0 ? null : year, One(Enum.GetValues<Sex>()),
                    random.Next(6) == 0 ? null : random.Next(5, 60), random.Next(5) == 0, Some(countries), One(Enum.GetValues<IdentificationStatus>()),
                    One(Enum.GetValues<IntakeChannel>()), One(["East", "West", ""]), Some(forms), Some(countries), One(Enum.GetValues<Trafficking>()))));
            }
        }
        return facts;
    }
}
