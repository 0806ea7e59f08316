using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using NameKey = Sigur.Matching.NameKey;
using PhoneticKey = Sigur.Matching.PhoneticKey;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>
/// The bulk path of the import (Data/BulkInsert: binary COPY on PostgreSQL, prepared INSERTs on SQLite): what it writes
/// reads back through EF as given, names and birth dates encrypted and indexed for the case search, the import key a
/// keyed hash; bad names and birth dates are reported by row and column.
/// </summary>
public sealed class BulkImportTests : IClassFixture<AppPool>
{
    private static readonly string Header = string.Join(';', ImportCases.SigurFields);

    private static List<string[]> Sheet(IEnumerable<string> lines) => CsvText.ReadAll(new StringReader(string.Join('\n', lines)));

    private static async Task<ImportCases.Result> ImportAsync(TestApp app, List<string[]> records, Guid org, bool dryRun = false,
        IReadOnlyDictionary<string, string>? mapping = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ImportCases.RunAsync(scope.ServiceProvider, records, new ImportCases.Options(ImportCases.Layout.Sigur, org, dryRun, mapping), null, default);
    }

    /// <summary>One generated row in <see cref="ImportCases.SigurFields"/> order, and what it should become.</summary>
    private sealed record Row(DateOnly Intake, Sex Sex, int? Age, string[] Citizenships, string[] Forms, IdentificationStatus Status, IntakeChannel Channel,
        string Region, string Exploitation, string Given, string Family, string Birth)
    {
        public string Line => string.Join(';', Intake.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Sex, Age?.ToString(CultureInfo.InvariantCulture) ?? "",
            "", string.Join(',', Citizenships), string.Join(',', Forms), Status, Channel, Region, Exploitation, Given, Family, Birth);
    }

    private static readonly string[] Given = ["Марија", "Elena", "Ана", "Arta", "Јована", ""];
    private static readonly string[] Family = ["Петровска", "Hoxha", "Стојановска", "Kovačević", "", "Николовска"];

    /// <summary>
    /// More rows than one conversion block of BulkInsert (8,192) and not a multiple of SQLite's 100 rows per statement,
    /// so block hand-over and the last short statement are both exercised.
    /// </summary>
    private static List<Row> Generate(int count, string region)
    {
        var random = new Random(611);
        var rows = new List<Row>(count);
        for (var i = 0; i < count; i++)
        {
            var intake = new DateOnly(2010, 1, 1).AddDays(random.Next(0, 15 * 365));
            var birth = random.Next(10) switch
            {
                < 6 => intake.AddDays(-random.Next(12 * 365, 50 * 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                < 8 => (intake.Year - random.Next(12, 50)).ToString(CultureInfo.InvariantCulture),
                _ => "",
            };
            rows.Add(new Row(intake, (Sex)random.Next(4), random.Next(5) == 0 ? null : random.Next(10, 60),
                random.Next(20) == 0 ? ["MK", "AL"] : [random.Next(2) == 0 ? "MK" : "RS"],
                random.Next(3) == 0 ? ["SexualExploitation", "ForcedLabour"] : ["ForcedBegging"],
                (IdentificationStatus)random.Next(4), (IntakeChannel)random.Next(11), region, random.Next(4) == 0 ? "DE" : "",
                Given[random.Next(Given.Length)], Family[random.Next(Family.Length)], birth));
        }
        return rows;
    }

    [Theory, BothProviders]
    public async Task Rows_written_in_bulk_read_back_through_EF_as_they_were_given(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        const string region = "MK008";
        var rows = Generate(8_321, region);
        var file = Sheet([Header, .. rows.Select(r => r.Line)]);

        var dry = await ImportAsync(app, file, org.Id, dryRun: true);
        Assert.True(dry.Succeeded, dry.ToString());
        Assert.Equal((rows.Count, 0), (dry.New, dry.Written));
        var result = await ImportAsync(app, file, org.Id);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(rows.Count, result.Written);

        var cases = await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().AsNoTracking().Include(c => c.Person)
            .Where(c => c.OrganisationId == org.Id).OrderBy(c => c.Reference).ToListAsync());
        Assert.Equal(rows.Count, cases.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, c, p) = (rows[i], cases[i], cases[i].Person!);
            Assert.Equal(row.Intake, DateOnly.FromDateTime(c.IntakeDate));
            Assert.Equal((row.Status, row.Channel, region, CaseStatus.Active, ""), (c.IdentificationStatus, c.IntakeChannel, c.Region, c.Status, c.Narrative));
            Assert.Equal(row.Forms, c.FormsOfExploitation);
            Assert.Equal(row.Exploitation.Length == 0 ? [] : [row.Exploitation], c.CountriesOfExploitation);
            Assert.Equal((row.Given, row.Family, row.Birth, "", "", ""), (p.GivenName, p.FamilyName, p.DateOfBirth, p.Aliases, p.Contact, p.Documents));
            Assert.Equal((row.Sex, org.Id, (int?)null), (p.Sex, p.OrganisationId, p.EstimatedAge));
            Assert.Equal(row.Citizenships, p.Citizenships);
            // The birth date decides the age at intake when there is one, as on any save through EF.
            var expectedAge = row.Birth.Length == 0 ? row.Age : AgeAtIntakeStamp.Of(new Person { DateOfBirth = row.Birth }, row.Intake);
            Assert.Equal(expectedAge, c.AgeAtIntake);
        }
        Assert.Contains(cases, c => c.Person!.DateOfBirth.Length == 10 && rows[cases.IndexOf(c)].Age is null);

        // The name index holds what NameIndex writes for a new person and its case.
        var protection = app.Services.GetRequiredService<FieldProtection>();
        var personTokens = (await app.WithDbAsync(db => db.PersonNameTokens.IgnoreQueryFilters().Where(t => t.OrganisationId == org.Id)
            .Select(t => new { t.PersonId, t.Token }).ToListAsync())).ToLookup(t => t.PersonId, t => t.Token);
        var caseTokens = (await app.WithDbAsync(db => db.CaseNameTokens.IgnoreQueryFilters().Where(t => t.OrganisationId == org.Id)
            .Select(t => new { t.CaseId, t.Token, t.RegisteredAt }).ToListAsync())).ToLookup(t => t.CaseId);
        foreach (var c in cases)
        {
            // Written out here rather than taken from NameIndex: folded name tokens, and for the person also their sound keys.
            var names = NameKey.Tokens($"{c.Person!.GivenName} {c.Person.FamilyName}").ToList();
            var sounds = names.Select(PhoneticKey.For).Where(k => k.Length > 1).Select(k => "~" + k);
            Assert.Equal(names.Concat(sounds).Select(protection.SearchToken).Distinct().Order(), personTokens[c.PersonId].Order());
            Assert.Equal(names.Select(protection.SearchToken).Distinct().Order(), caseTokens[c.Id].Select(t => t.Token).Order());
            Assert.All(caseTokens[c.Id], t => Assert.Equal(c.RegisteredAt, t.RegisteredAt));
        }
        Assert.True(personTokens.Count > rows.Count / 2);

        // The same file again changes nothing.
        var again = await ImportAsync(app, file, org.Id);
        Assert.Equal((0, rows.Count), (again.Written, again.AlreadyImported));
        Assert.Equal(rows.Count, await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync(c => c.OrganisationId == org.Id)));
    }

    [Theory, BothProviders]
    public async Task An_imported_Cyrillic_name_is_found_by_its_Latin_spelling_and_is_stored_encrypted(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        // A family name no other test uses, in Cyrillic, and the same letter for letter in Latin.
        var suffix = Guid.NewGuid().ToString("N")[..8].Select(c => Convert.ToInt32(c.ToString(), 16)).ToArray();
        var canary = "Стојановска" + string.Concat(suffix.Select(i => "абвгдеиклмнопрст"[i]));
        var latin = "Stojanovska" + string.Concat(suffix.Select(i => "abvgdeiklmnoprst"[i]));
        var line = new Row(new DateOnly(2024, 5, 6), Sex.Female, null, ["MK"], ["SexualExploitation"], IdentificationStatus.Presumed, IntakeChannel.Ngo, "Skopje", "",
            "Марија", canary, "2001-07-08").Line;
        var mapping = new Dictionary<string, string> { ["familyName"] = "Prezime", ["dateOfBirth"] = "Roden" };
        var file = Sheet([Header.Replace("familyName", "Prezime", StringComparison.Ordinal).Replace("dateOfBirth", "Roden", StringComparison.Ordinal), line]);
        var result = await ImportAsync(app, file, org.Id, mapping: mapping);
        Assert.True(result.Succeeded, result.ToString());

        var client = await app.ClientAsync(Role.CaseWorker, org.Id);
        var found = await (await client.PostJsonAsync("/api/v1/cases/search", new SearchCases.Request($"marija {latin}"))).ReadAsync<SearchCases.Response>();
        var hit = Assert.Single(found.Items);
        Assert.Equal($"Марија {canary}", hit.PersonName);
        var detail = await (await client.GetAsync($"/api/v1/cases/{hit.Id}")).ReadAsync<CaseDetail>();
        Assert.Equal("2001-07-08", detail.Person.DateOfBirth);

        var raw = await app.WithDbAsync(db => db.Database.SqlQueryRaw<RawPerson>(
            "SELECT p.given_name AS \"Given\", p.family_name AS \"Family\", p.date_of_birth AS \"Birth\", p.contact AS \"Contact\", r.key AS \"Key\" " +
            "FROM persons p JOIN cases c ON c.person_id = p.id JOIN imported_record r ON r.case_id = c.id WHERE c.id = {0}", hit.Id).SingleAsync());
        foreach (var stored in new[] { raw.Given, raw.Family, raw.Birth })
        {
            Assert.DoesNotContain(canary, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("2001-07-08", stored, StringComparison.Ordinal);
            Assert.Equal(app.Services.GetRequiredService<FieldProtection>().CurrentKeyId, FieldProtection.KeyIdOf(stored)); // under the current field key
        }
        Assert.Equal("", raw.Contact);
        // The import key is a keyed hash of the row: not the plain SHA-256 anyone could compute from a guessed name.
        var content = string.Join('\u001f', file[1].Select(v => v.Trim()));
        var plain = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"Sigur\u001e{content}\u001e1")));
        Assert.Equal(64, raw.Key.Length);
        Assert.NotEqual(plain, raw.Key);
    }

    private sealed record RawPerson(string Given, string Family, string Birth, string Contact, string Key);

    [Theory, BothProviders]
    public async Task Bad_names_and_birth_dates_are_reported_by_row_and_column_and_nothing_is_written(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        Row Good(string given, string family, string birth) =>
            new(new DateOnly(2024, 5, 6), Sex.Male, 30, ["RS"], ["ForcedLabour"], IdentificationStatus.Identified, IntakeChannel.Police, "Pelagonia", "", given, family, birth);
        var nextYear = DateTime.UtcNow.Year + 1;
        var file = Sheet([Header,
            Good("Petar", "Petrović", "1990").Line,                         // row 2: good
            Good("Petar", "Petrović", "1990-02-30").Line,                   // row 3: no such day
            Good("Petar", new string('x', 201), $"{nextYear}").Line,        // row 4: name too long, year in the future
            Good("Pe\u0007tar", "Petrović", "2024-05-07").Line,             // row 5: control character, born after intake
            Good("Petar", "Petrović", "12.03.1990").Line,                   // row 6: not YYYY-MM-DD
        ]);

        var result = await ImportAsync(app, file, org.Id);
        Assert.Equal(
            [(3, "dateOfBirth"), (4, "dateOfBirth"), (4, "familyName"), (5, "dateOfBirth"), (5, "givenName"), (6, "dateOfBirth")],
            result.Errors.Select(e => (e.Row, e.Column)).Order().ToArray());
        Assert.Contains(result.Errors, e => e.Row == 5 && e.Message.Contains("after the intake", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("Petar", StringComparison.Ordinal)); // messages never repeat a value
        Assert.Equal(0, result.Written);
        Assert.Equal(0, await app.WithDbAsync(db => db.Persons.IgnoreQueryFilters().CountAsync(p => p.OrganisationId == org.Id)));
    }
}
