using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform.Audit;

namespace Sigur.Features.Statistics;

/// <summary>
/// Imports existing records (CSV or Excel) as persons and cases of one organisation: the CTDC layout, or Sigur's own
/// columns through a column mapping. Every row is checked first; the report names each bad row and column. A dry run
/// stops there. A real import writes nothing unless every row is good, and then writes everything in one transaction.
/// Rows already imported (same layout, same content) are recognised and skipped, so importing a file twice changes nothing.
/// Imported persons have no name: the sources are anonymised.
/// </summary>
public static class ImportCases
{
    public enum Layout { Ctdc, Sigur }

    /// <summary>Sigur's own columns (the default names; a mapping can point each at another column).</summary>
    public static readonly string[] SigurFields = ["intakeDate", "sex", "age", "possiblyChild", "citizenship", "forms", "status", "channel", "region", "countryOfExploitation"];

    public sealed record Options(Layout Layout, Guid OrganisationId, bool DryRun, IReadOnlyDictionary<string, string>? Mapping = null, IdentificationStatus CtdcStatus = IdentificationStatus.Identified);

    public sealed record RowError(int Row, string Column, string Message);

    public sealed record Result(int Rows, int New, int AlreadyImported, int Written, bool DryRun, IReadOnlyList<RowError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;

        public override string ToString() =>
            (DryRun ? "Dry run: " : "") + $"{Rows} rows, {New} new, {AlreadyImported} already imported, {Written} written, {Errors.Count} errors.\n"
            + string.Concat(Errors.Select(e => $"  row {e.Row}, column {e.Column}: {e.Message}\n"))
            + (!DryRun && Errors.Count > 0 ? "Nothing was written.\n" : "");
    }

    private sealed record Parsed(int Row, string Key, int? Year, DateOnly? IntakeDate, Sex Sex, int? Age, bool PossiblyChild, List<string> Citizenships,
        List<string> Forms, List<string> Means, IdentificationStatus Status, IntakeChannel Channel, string Region, List<string> Exploitation);

    /// <summary>Reads a CSV (delimiter detected) or an .xlsx file (first worksheet) into rows of text, header first.</summary>
    public static List<string[]> ReadFile(string path)
    {
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            using var wb = new XLWorkbook(path);
            var ws = wb.Worksheets.First();
            var used = ws.RangeUsed();
            if (used is null) return [];
            var width = used.LastColumn().ColumnNumber();
            return [.. used.Rows().Select(r => Enumerable.Range(1, width).Select(c => r.Cell(c).GetFormattedString()).ToArray())];
        }
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Platform.CsvText.ReadAll(reader);
    }

    public static async Task<Result> RunAsync(IServiceProvider sp, List<string[]> records, Options options, IProgress<int>? progress, CancellationToken ct)
    {
        var db = sp.GetRequiredService<SigurDb>();
        var errors = new List<RowError>();
        if (records.Count == 0) return new Result(0, 0, 0, 0, options.DryRun, [new RowError(1, "", "The file is empty.")]);
        var header = records[0].Select(h => h.Trim()).ToArray();
        int Column(string name) => Array.FindIndex(header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));

        // Column mapping: Sigur field → the file's column.
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var wanted = options.Layout == Layout.Ctdc ? CtdcLayout.Columns : SigurFields;
        foreach (var field in wanted)
        {
            var source = options.Mapping?.GetValueOrDefault(field) ?? field;
            var index = Column(source);
            if (index >= 0) columns[field] = index;
        }
        if (options.Layout == Layout.Sigur && !columns.ContainsKey("intakeDate"))
            return new Result(records.Count - 1, 0, 0, 0, options.DryRun, [new RowError(1, options.Mapping?.GetValueOrDefault("intakeDate") ?? "intakeDate", "The intake date column is missing.")]);
        if (options.Layout == Layout.Ctdc && !columns.ContainsKey("gender") && !columns.ContainsKey("yearOfRegistration"))
            return new Result(records.Count - 1, 0, 0, 0, options.DryRun, [new RowError(1, "header", "This is not the CTDC layout (no gender or yearOfRegistration column).")]);

        var today = DateOnly.FromDateTime(sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var parsed = new List<Parsed>();
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 1; r < records.Count; r++)
        {
            var record = records[r];
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            string Get(string field) => columns.TryGetValue(field, out var i) && i < record.Length ? record[i].Trim() : "";
            var rowNumber = r + 1;
            void Fail(string field, string message) =>
                errors.Add(new RowError(rowNumber, options.Mapping?.GetValueOrDefault(field) ?? field, message));

            var content = string.Join('\u001f', wanted.Select(Get));
            var occurrence = occurrences[content] = occurrences.GetValueOrDefault(content) + 1;
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{options.Layout}\u001e{content}\u001e{occurrence}")));
            var p = options.Layout == Layout.Ctdc ? ParseCtdc(Get, Fail, today, options.CtdcStatus) : ParseSigur(Get, Fail, today);
            parsed.Add(p with { Row = rowNumber, Key = key });
            if (r % 500 == 0) progress?.Report(r / 2);
        }

        var keys = parsed.Select(p => p.Key).ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
            existing.UnionWith(await db.Set<ImportedRecord>().AsNoTracking().Where(x => chunk.Contains(x.Key)).Select(x => x.Key).ToListAsync(ct));
        var fresh = parsed.Where(p => !existing.Contains(p.Key)).ToList();
        if (errors.Count > 0 || options.DryRun || fresh.Count == 0)
        {
            progress?.Report(records.Count - 1);
            return new Result(parsed.Count, fresh.Count, parsed.Count - fresh.Count, 0, options.DryRun, errors);
        }

        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var batch = Guid.CreateVersion7();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var first = int.Parse((await CaseReferences.NextAsync(db, now.Year, ct))[5..], CultureInfo.InvariantCulture);
        if (fresh.Count > 1)
            await db.CaseReferenceCounters.Where(c => c.Year == now.Year).ExecuteUpdateAsync(s => s.SetProperty(c => c.Next, c => c.Next + (fresh.Count - 1)), ct);
        for (var i = 0; i < fresh.Count; i++)
        {
            var p = fresh[i];
            var person = new Person
            {
                OrganisationId = options.OrganisationId, Sex = p.Sex, PossiblyChild = p.PossiblyChild, Citizenships = p.Citizenships, CreatedAt = now,
            };
            var c = new Case
            {
                Reference = $"{now.Year}-{first + i:D6}", OrganisationId = options.OrganisationId, PersonId = person.Id, RegisteredAt = now,
                IntakeDate = (p.IntakeDate ?? new DateOnly(p.Year ?? now.Year, 1, 1)).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                IdentificationStatus = p.Status, IntakeChannel = p.Channel, FormsOfExploitation = p.Forms, MeansOfControl = p.Means,
                CountriesOfExploitation = p.Exploitation, Region = p.Region, AgeAtIntake = p.Age, Narrative = "",
            };
            db.Persons.Add(person);
            db.Cases.Add(c);
            db.Set<ImportedRecord>().Add(new ImportedRecord
            {
                Key = p.Key, CaseId = c.Id, OrganisationId = options.OrganisationId, BatchId = batch, Layout = options.Layout.ToString().ToLowerInvariant(),
                ImportedAt = now, YearUnknown = p.Year is null && p.IntakeDate is null,
            });
            if ((i + 1) % 500 == 0)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                progress?.Report(records.Count / 2 + (i + 1) / 2);
            }
        }
        db.AuditWithNextSave(sp.GetRequiredService<Audit>().New(AuditActions.Create, "ImportBatch", batch.ToString(), [],
            $"{options.Layout} import: {fresh.Count} cases"));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        progress?.Report(records.Count - 1);
        return new Result(parsed.Count, fresh.Count, parsed.Count - fresh.Count, fresh.Count, false, errors);
    }

    private static Parsed ParseCtdc(Func<string, string> get, Action<string, string> fail, DateOnly today, IdentificationStatus status)
    {
        int? year = null;
        var y = get("yearOfRegistration");
        if (y.Length > 0)
        {
            if (int.TryParse(y, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= 1990 && v <= today.Year) year = v;
            else fail("yearOfRegistration", $"A year from 1990 to {today.Year}, or empty.");
        }
        var sex = get("gender").ToLowerInvariant() switch
        {
            "female" => Sex.Female, "male" => Sex.Male, "transgender/nonconforming" or "transgender" or "other" => Sex.Other,
            "" or "unknown" or "-99" => Sex.Unknown,
            _ => (Sex?)null,
        };
        if (sex is null) fail("gender", "Female, Male, Transgender/NonConforming, Unknown or empty.");
        int? age = null;
        var band = get("ageBroad");
        if (band.Length > 0 && !band.Equals("Unknown", StringComparison.OrdinalIgnoreCase) && band != "-99")
        {
            age = CtdcLayout.LowestAge(band);
            if (age is null) fail("ageBroad", "An age band such as 18--20 or 48+, Unknown or empty.");
        }
        var majority = get("majorityStatus");
        if (majority.Length > 0 && majority is not ("Adult" or "Minor" or "Unknown" or "-99")) fail("majorityStatus", "Adult, Minor, Unknown or empty.");
        if (age is { } a && majority == "Adult" && a < 18) fail("majorityStatus", "Adult, but the age band is under 18.");
        var citizenship = Country(get("citizenship"), "citizenship", fail);
        var exploitation = Country(get("CountryOfExploitation"), "CountryOfExploitation", fail);
        var forms = new List<string>();
        foreach (var (column, form) in CtdcLayout.ImportForms)
            if (Flag(get(column), column, fail) && !forms.Contains(form)) forms.Add(form);
        var means = new List<string>();
        foreach (var (code, column) in CtdcLayout.MeansColumns)
            if (Flag(get(column), column, fail) && !means.Any(m => CtdcLayout.MeansColumns[m] == column)) means.Add(code);
        var channel = get("Datasource").Equals("Hotline", StringComparison.OrdinalIgnoreCase) ? IntakeChannel.Hotline : IntakeChannel.Ngo;
        return new Parsed(0, "", year, null, sex ?? Sex.Unknown, age, majority == "Minor" || age is < 18, citizenship, forms, means, status, channel, "", exploitation);
    }

    private static Parsed ParseSigur(Func<string, string> get, Action<string, string> fail, DateOnly today)
    {
        DateOnly? date = null;
        if (DateOnly.TryParseExact(get("intakeDate"), ["yyyy-MM-dd", "d.M.yyyy", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && d.Year >= 1990 && d <= today) date = d;
        else fail("intakeDate", "A date (YYYY-MM-DD) from 1990 to today.");
        var sexText = get("sex");
        Sex sex = Sex.Unknown;
        if (sexText.Length > 0 && !Enum.TryParse(sexText, ignoreCase: true, out sex)) fail("sex", "Female, Male, Other, Unknown or empty.");
        int? age = null;
        if (get("age") is { Length: > 0 } ageText)
        {
            if (int.TryParse(ageText, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a <= 120) age = a;
            else fail("age", "Whole years from 0 to 120, or empty.");
        }
        var possiblyChild = get("possiblyChild") is "1" or "true" or "TRUE" or "yes";
        var citizenships = get("citizenship").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (citizenships.Any(c => !CodeLists.IsCountry(c))) fail("citizenship", "ISO 3166-1 alpha-2 codes separated by ';'.");
        var forms = get("forms").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (forms.Any(f => !CodeLists.FormsOfExploitation.Contains(f))) fail("forms", "Codes of the forms-of-exploitation list separated by ';'.");
        var status = IdentificationStatus.Identified;
        if (get("status") is { Length: > 0 } s && !Enum.TryParse(s, ignoreCase: true, out status)) fail("status", "Potential, Presumed, Identified or NotAVictim.");
        var channel = IntakeChannel.Police;
        if (get("channel") is { Length: > 0 } ch && !Enum.TryParse(ch, ignoreCase: true, out channel)) fail("channel", "One of the intake channels.");
        var region = get("region");
        if (region.Length > 100) fail("region", "At most 100 characters.");
        var exploitation = Country(get("countryOfExploitation"), "countryOfExploitation", fail);
        return new Parsed(0, "", date?.Year, date, sex, age, possiblyChild, citizenships, forms, [], status, channel, region, exploitation);
    }

    private static List<string> Country(string value, string column, Action<string, string> fail)
    {
        if (value.Length == 0 || value is "00" or "-99" or "Unknown") return [];
        if (CodeLists.IsCountry(value.ToUpperInvariant())) return [value.ToUpperInvariant()];
        fail(column, "An ISO 3166-1 alpha-2 country code, 00 or empty.");
        return [];
    }

    private static bool Flag(string value, string column, Action<string, string> fail)
    {
        if (value is "1") return true;
        if (value is "" or "0" or "-99") return false;
        fail(column, "0, 1, -99 or empty.");
        return false;
    }
}
