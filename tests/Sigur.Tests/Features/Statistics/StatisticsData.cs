using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>
/// Hand-built data sets for the counting tests. Statistics read across every organisation, so each test keeps to a
/// region of its own (a fresh name) and filters on it; one host can then serve the whole class.
/// </summary>
public sealed class StatisticsData(TestApp app, Organisation org)
{
    public string Region { get; } = $"R{Guid.NewGuid():N}"[..12];
    public Organisation Organisation => org;

    public static async Task<StatisticsData> NewAsync(TestApp app) => new(app, await app.NewOrganisationAsync());

    public string RegionFilter => $"region={Region}";

    public Task<Person> PersonAsync(Sex sex = Sex.Female, string dateOfBirth = "1995-01-01", string[]? citizenships = null, bool possiblyChild = false,
        Organisation? holder = null, int? estimatedAge = null) =>
        app.WithDbAsync(async db =>
        {
            var p = new Person
            {
                OrganisationId = (holder ?? org).Id, GivenName = "Zdravka", FamilyName = "Kovachevska", Sex = sex, DateOfBirth = dateOfBirth,
                Citizenships = [.. citizenships ?? ["MK"]], PossiblyChild = possiblyChild, EstimatedAge = estimatedAge, CreatedAt = DateTime.UtcNow,
            };
            db.Persons.Add(p);
            await db.SaveChangesAsync();
            return p;
        });

    public Task<Case> CaseAsync(Person person, DateOnly intake, IdentificationStatus status = IdentificationStatus.Identified, string[]? forms = null,
        IntakeChannel channel = IntakeChannel.Police, string[]? origin = null, string[]? exploitation = null, Organisation? holder = null) =>
        app.WithDbAsync(async db =>
        {
            var c = new Case
            {
                Reference = $"T{Guid.NewGuid():N}"[..20], OrganisationId = (holder ?? org).Id, PersonId = person.Id,
                IntakeDate = intake.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), RegisteredAt = DateTime.UtcNow, IdentificationStatus = status,
                FormsOfExploitation = [.. forms ?? ["SexualExploitation"]], IntakeChannel = channel, CountriesOfOrigin = [.. origin ?? ["MK"]],
                CountriesOfExploitation = [.. exploitation ?? ["MK"]], Region = Region,
            };
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c;
        });

    /// <summary>
    /// An import stores a code of the country's regions, which other tests share; this puts the test's own region on
    /// the organisation's imported cases (through EF, as an edit would, so the statistics journal sees it).
    /// </summary>
    public Task AdoptImportedAsync() =>
        app.WithDbAsync(async db =>
        {
            foreach (var c in await db.Cases.IgnoreQueryFilters().Where(c => c.OrganisationId == org.Id && c.Region != Region).ToListAsync()) c.Region = Region;
            return await db.SaveChangesAsync();
        });

    /// <summary>Several persons with one case each, all alike.</summary>
    public async Task ManyAsync(int count, DateOnly intake, Sex sex = Sex.Female, IdentificationStatus status = IdentificationStatus.Identified,
        string dateOfBirth = "1995-01-01", string[]? forms = null)
    {
        for (var i = 0; i < count; i++) await CaseAsync(await PersonAsync(sex, dateOfBirth), intake, status, forms);
    }

    public Task LinkAsync(Person a, Person b, bool confirmed) => app.WithDbAsync(async db =>
    {
        db.Set<PersonLink>().Add(new PersonLink { PersonAId = a.Id, PersonBId = b.Id, Confirmed = confirmed, CreatedAt = DateTime.UtcNow });
        return await db.SaveChangesAsync();
    });

    public Task<IReadOnlyList<PublishedTable>> TablesAsync(bool publication, params TableSpec[] specs) => app.WithDbAsync(async db =>
    {
        var statistics = app.Services.GetRequiredService<StatisticsSettings>();
        return await CrossTab.PublishAsync(db, statistics, [.. specs.Select(s => s with { Filters = [.. s.Filters, Filter.Parse(RegionFilter, out _)!] })], publication, default);
    });

    /// <summary>True counts, before any suppression: what the counting rules give.</summary>
    public Task<CountedTable> CountAsync(string rows, string? cols = null, CountingUnit unit = CountingUnit.Person, params string[] filters) => app.WithDbAsync(async db =>
    {
        var statistics = app.Services.GetRequiredService<StatisticsSettings>();
        var spec = new TableSpec(rows, cols, [.. filters.Append(RegionFilter).Select(f => Filter.Parse(f, out _)!)], unit);
        return (await CrossTab.CountAsync(db, statistics, [spec], default))[0];
    });

    /// <summary>A plain SQL query over the test's region, for recounts that do not go through the statistics code.</summary>
    public Task<List<(string Key, long Count)>> SqlAsync(string sql) => app.WithDbAsync(async db =>
    {
        var conn = db.Database.GetDbConnection();
        await conn.OpenAsync();
        await using DbCommand cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var p = cmd.CreateParameter();
        p.ParameterName = "region";
        p.Value = Region;
        cmd.Parameters.Add(p);
        var result = new List<(string, long)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result.Add((Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!, Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        return result;
    });
}

public static class TableExtensions
{
    public static int Cell(this CountedTable t, string row, string? col = null)
    {
        var i = row == "Total" ? t.RowCount : IndexOf(t.Rows, row);
        var j = col is null or "Total" ? t.ColumnCount : IndexOf(t.Columns, col);
        return t.Values[i, j];
    }

    public static int? Cell(this PublishedTable t, string row, string? col = null)
    {
        var i = row == "Total" ? t.RowCategories.Count : IndexOf(t.RowCategories, row);
        var j = col is null or "Total" ? t.ColumnCategories.Count : IndexOf(t.ColumnCategories, col);
        return t.Cells[i][j];
    }

    private static int IndexOf(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++) if (string.Equals(list[i], value, StringComparison.OrdinalIgnoreCase)) return i;
        throw new KeyNotFoundException(value);
    }
}
