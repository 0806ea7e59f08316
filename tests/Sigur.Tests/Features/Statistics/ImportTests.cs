using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sigur.Features.Cases;
using Sigur.Features.Statistics;
using Sigur.Platform;
using Sigur.Tests.Infrastructure;

namespace Sigur.Tests.Features.Statistics;

/// <summary>Import: dry run with a report naming each bad row and column; all or nothing; idempotent; the CTDC sample.</summary>
public sealed class ImportTests : IClassFixture<AppPool>
{
    private static List<string[]> Sheet(params string[] lines) => CsvText.ReadAll(new StringReader(string.Join('\n', lines)));

    private static async Task<ImportCases.Result> ImportAsync(TestApp app, List<string[]> records, ImportCases.Options options)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await ImportCases.RunAsync(scope.ServiceProvider, records, options, null, default);
    }

    private static Task<int> CasesOf(TestApp app, Guid org) => app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().CountAsync(c => c.OrganisationId == org));

    [Theory, BothProviders]
    public async Task One_bad_row_in_the_middle_is_reported_and_nothing_is_written(TestApp app)
    {
        var org = await app.NewOrganisationAsync();
        // A region by its code or by its name in any interface language and script; row 4 has one of no list.
        var file = Sheet(
            "Datum;Pol;Age;citizenship;forms;region",
            "2025-01-10;Female;19;MK;SexualExploitation;MK006",
            "2025-02-11;Male;33;AL;ForcedLabour;Полошки",
            "2025-13-40;Female;17;XX;Juggling;Atlantis",
            "2025-03-12;Female;25;RS;SexualExploitation;pollogu",
            "2025-04-13;Male;41;MK;ForcedBegging;Pološki");
        var mapping = new Dictionary<string, string> { ["intakeDate"] = "Datum", ["sex"] = "Pol", ["age"] = "Age" };

        var dry = await ImportAsync(app, file, new ImportCases.Options(ImportCases.Layout.Sigur, org.Id, DryRun: true, mapping));
        Assert.True(dry.DryRun);
        Assert.Equal(5, dry.Rows);
        Assert.Equal([("Datum", 4), ("citizenship", 4), ("forms", 4), ("region", 4)], dry.Errors.Select(e => (e.Column, e.Row)).OrderBy(e => e.Column, StringComparer.Ordinal).ToArray());
        Assert.Equal(0, await CasesOf(app, org.Id));

        var real = await ImportAsync(app, file, new ImportCases.Options(ImportCases.Layout.Sigur, org.Id, DryRun: false, mapping));
        Assert.False(real.Succeeded);
        Assert.Equal(0, real.Written);
        Assert.Contains("Nothing was written", real.ToString());
        Assert.Equal(0, await CasesOf(app, org.Id));

        file.RemoveAt(3);
        var good = await ImportAsync(app, file, new ImportCases.Options(ImportCases.Layout.Sigur, org.Id, DryRun: false, mapping));
        Assert.True(good.Succeeded);
        Assert.Equal(4, good.Written);
        Assert.Equal(4, await CasesOf(app, org.Id));
        Assert.Equal(["MK006"], await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Where(c => c.OrganisationId == org.Id).Select(c => c.Region).Distinct().ToListAsync()));

        // The same file again changes nothing.
        var again = await ImportAsync(app, file, new ImportCases.Options(ImportCases.Layout.Sigur, org.Id, DryRun: false, mapping));
        Assert.Equal((0, 4), (again.Written, again.AlreadyImported));
        Assert.Equal(4, await CasesOf(app, org.Id));

        // Imported records count like any other.
        var data = new StatisticsData(app, org);
        await data.AdoptImportedAsync();
        var table = await app.WithDbAsync(async db => (await CrossTab.CountAsync(db, app.Services.GetRequiredService<StatisticsSettings>(),
            [new TableSpec("agegroup", "sex", [Filter.Parse(data.RegionFilter, out _)!])], default))[0]);
        Assert.Equal(2, table.Cell("Adult", "Female"));
        Assert.Equal(4, table.Cell("Total"));
    }

    [Theory, BothProviders]
    public async Task The_CTDC_sample_imports_once_with_its_age_bands_and_forms(TestApp app)
    {
        var org = await app.NewOrganisationAsync(OrganisationType.InternationalOrganisation);
        var records = ImportCases.ReadFile(Path.Combine(AppContext.BaseDirectory, "Features", "Statistics", "Data", "ctdc_k_anon_sample_fidelgarz67.csv"));

        var result = await ImportAsync(app, records, new ImportCases.Options(ImportCases.Layout.Ctdc, org.Id, DryRun: false));
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(6, result.Written);
        var again = await ImportAsync(app, records, new ImportCases.Options(ImportCases.Layout.Ctdc, org.Id, DryRun: false));
        Assert.Equal((0, 6), (again.Written, again.AlreadyImported));

        var cases = await app.WithDbAsync(db => db.Cases.IgnoreQueryFilters().Include(c => c.Person).Where(c => c.OrganisationId == org.Id).ToListAsync());
        Assert.Equal(6, cases.Count);
        Assert.Equal(3, cases.Count(c => c.IntakeDate.Year == 2002));
        Assert.Equal(2, cases.Count(c => c.FormsOfExploitation.Contains("SexualExploitation")));
        Assert.Equal(3, cases.Count(c => c.FormsOfExploitation.Contains("ForcedLabour")));
        Assert.Equal(3, cases.Count(c => c.CountriesOfExploitation.Contains("LY")));
        var child = Assert.Single(cases, c => c.AgeAtIntake == 9);
        Assert.True(child.Person!.PossiblyChild);
        Assert.Equal(Sex.Male, child.Person.Sex);
        Assert.Equal(["CM"], child.Person.Citizenships);
        var unknownYear = await app.WithDbAsync(db => db.Set<ImportedRecord>().CountAsync(r => r.OrganisationId == org.Id && r.YearUnknown));
        Assert.Equal(3, unknownYear);
    }
}
