using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>The counting rules of CountingRules, each on a hand-built data set, on both providers.</summary>
public sealed class CountingRulesTests : IClassFixture<AppPool>
{
    private static readonly DateOnly March2025 = new(2025, 3, 1);

    [Theory, BothProviders]
    public async Task A_person_with_two_cases_in_a_year_is_one_victim_and_two_cases(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var person = await data.PersonAsync();
        await data.CaseAsync(person, March2025, IdentificationStatus.Presumed);
        await data.CaseAsync(person, March2025.AddMonths(2), IdentificationStatus.Identified);

        var persons = await data.CountAsync("year");
        Assert.Equal(1, persons.Cell("2025"));
        Assert.Equal(1, persons.Cell("Total"));
        var cases = await data.CountAsync("year", unit: CountingUnit.Case);
        Assert.Equal(2, cases.Cell("2025"));
        // The furthest status of the year counts.
        var status = await data.CountAsync("status");
        Assert.Equal(1, status.Cell("Identified"));
        Assert.Equal(0, status.Cell("Presumed"));
    }

    [Theory, BothProviders]
    public async Task A_confirmed_link_across_organisations_counts_once_and_a_proposed_one_does_not_merge(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var other = await app.NewOrganisationAsync(OrganisationType.Police);
        var a = await data.PersonAsync(Sex.Female);
        var b = await data.PersonAsync(Sex.Female, holder: other);
        await data.CaseAsync(a, March2025);
        await data.CaseAsync(b, March2025, holder: other);
        var c = await data.PersonAsync(Sex.Male);
        var d = await data.PersonAsync(Sex.Male, holder: other);
        await data.CaseAsync(c, March2025);
        await data.CaseAsync(d, March2025, holder: other);

        await data.LinkAsync(a, b, confirmed: true);
        await data.LinkAsync(c, d, confirmed: false);

        var bySex = await data.CountAsync("sex");
        Assert.Equal(1, bySex.Cell("Female"));
        Assert.Equal(2, bySex.Cell("Male"));
        Assert.Equal(3, bySex.Cell("Total"));
    }

    [Theory, BothProviders]
    public async Task A_person_registered_again_next_year_counts_in_both_years_and_once_in_the_total(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var person = await data.PersonAsync();
        await data.CaseAsync(person, new DateOnly(2024, 5, 1));
        await data.CaseAsync(person, new DateOnly(2025, 5, 1));

        var table = await data.CountAsync("sex", "year");
        Assert.Equal(1, table.Cell("Female", "2024"));
        Assert.Equal(1, table.Cell("Female", "2025"));
        Assert.Equal(1, table.Cell("Female", "Total"));
        Assert.Equal(1, table.Cell("Total", "Total"));
    }

    [Theory, BothProviders]
    public async Task Every_form_and_every_citizenship_counts_and_the_total_counts_the_person_once(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var person = await data.PersonAsync(citizenships: ["MK", "AL"]);
        await data.CaseAsync(person, March2025, forms: ["SexualExploitation", "ForcedLabour"], origin: ["AL"]);

        var forms = await data.CountAsync("form");
        Assert.Equal(1, forms.Cell("SexualExploitation"));
        Assert.Equal(1, forms.Cell("ForcedLabour"));
        Assert.Equal(1, forms.Cell("Total"));
        var groups = await data.CountAsync("formgroup");
        Assert.Equal(1, groups.Cell("SexualExploitation"));
        Assert.Equal(1, groups.Cell("LabourExploitation"));
        var citizenship = await data.CountAsync("citizenship");
        Assert.Equal(1, citizenship.Cell("MK"));
        Assert.Equal(1, citizenship.Cell("AL"));
        Assert.Equal(1, citizenship.Cell("Total"));
        Assert.Equal(1, (await data.CountAsync("nationality")).Cell("National"));
        Assert.Equal(1, (await data.CountAsync("trafficking")).Cell("CrossBorder"));
    }

    [Theory, BothProviders]
    public async Task Age_is_taken_at_intake_from_the_encrypted_birth_date_without_decrypting_it_for_counting(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        // 17 on the intake date, though the years differ by 18.
        await data.CaseAsync(await data.PersonAsync(dateOfBirth: "2007-06-01"), March2025);
        await data.CaseAsync(await data.PersonAsync(dateOfBirth: "2000-01-15"), March2025);
        await data.CaseAsync(await data.PersonAsync(dateOfBirth: "", possiblyChild: true), March2025);
        await data.CaseAsync(await data.PersonAsync(dateOfBirth: ""), March2025);

        var age = await data.CountAsync("agegroup");
        Assert.Equal(2, age.Cell("Child"));
        Assert.Equal(1, age.Cell("Adult"));
        Assert.Equal(1, age.Cell("Unknown"));
        var bands = await data.CountAsync("ageband");
        Assert.Equal(1, bands.Cell("9-17"));
        Assert.Equal(1, bands.Cell("24-26"));
    }

    [Theory, BothProviders]
    public async Task Every_figure_equals_a_plain_SQL_recount(TestApp app)
    {
        var data = await StatisticsData.NewAsync(app);
        var random = new Random(7);
        var persons = new List<Person>();
        for (var i = 0; i < 40; i++)
            persons.Add(await data.PersonAsync((Sex)random.Next(4), $"{1970 + random.Next(40)}-0{1 + random.Next(9)}-1{random.Next(9)}"));
        for (var i = 0; i < 70; i++)
            await data.CaseAsync(persons[random.Next(persons.Count)], new DateOnly(2020 + random.Next(6), 1 + random.Next(12), 1 + random.Next(28)),
                (IdentificationStatus)random.Next(4), channel: (IntakeChannel)random.Next(11));

        var year = app.Provider == Providers.Sqlite ? "CAST(strftime('%Y', c.intake_date) AS INTEGER)" : "CAST(EXTRACT(YEAR FROM c.intake_date) AS INTEGER)";
        var param = app.Provider == Providers.Sqlite ? "$region" : "@region";
        var caseSql = await data.SqlAsync($"SELECT c.intake_channel || '/' || {year}, COUNT(*) FROM cases c WHERE c.region = {param} GROUP BY 1");
        var personSql = await data.SqlAsync($"SELECT p.sex || '/' || {year}, COUNT(DISTINCT p.id) FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.region = {param} GROUP BY 1");
        var personTotal = await data.SqlAsync($"SELECT p.sex, COUNT(DISTINCT p.id) FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.region = {param} GROUP BY 1");

        var byChannel = await data.CountAsync("channel", "year", CountingUnit.Case);
        foreach (var (key, count) in caseSql)
        {
            var parts = key.Split('/');
            Assert.Equal(count, byChannel.Cell(parts[0], parts[1]));
        }
        Assert.Equal(70, byChannel.Cell("Total"));
        var bySex = await data.CountAsync("sex", "year");
        foreach (var (key, count) in personSql)
        {
            var parts = key.Split('/');
            Assert.Equal(count, bySex.Cell(parts[0], parts[1]));
        }
        foreach (var (sex, count) in personTotal) Assert.Equal(count, bySex.Cell(sex, "Total"));
        Assert.Equal(personSql.Sum(x => x.Count), Enumerable.Range(0, bySex.RowCount).Sum(i => Enumerable.Range(0, bySex.ColumnCount).Sum(j => bySex.Values[i, j])));
    }
}
