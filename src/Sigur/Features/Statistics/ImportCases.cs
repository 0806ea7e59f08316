using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Features.Cases;
using Sigur.Platform;
using Sigur.Platform.Audit;

namespace Sigur.Features.Statistics;

/// <summary>
/// Imports existing records (CSV or Excel) as persons and cases of one organisation: the CTDC layout, or Sigur's own
/// columns through a column mapping. Every row is checked first; the report names each bad row and column. A dry run
/// stops there. A real import writes nothing unless every row is good, and then writes everything in one transaction.
/// Rows already imported (same layout, same content) are recognised and skipped, so importing a file twice changes nothing.
/// CTDC rows have no name (the dataset is anonymised); Sigur rows may carry a name and a date of birth, encrypted like
/// any person's and indexed for the case search. Rows are checked and prepared on all cores and written with
/// <see cref="BulkInsert"/> (binary COPY on PostgreSQL), not through change tracking: a million rows take seconds.
/// </summary>
public static class ImportCases
{
    public enum Layout { Ctdc, Sigur }

    /// <summary>Sigur's own columns (the default names; a mapping can point each at another column).</summary>
    public static readonly string[] SigurFields = ["intakeDate", "sex", "age", "possiblyChild", "citizenship", "forms", "status", "channel", "region", "countryOfExploitation",
        "givenName", "familyName", "dateOfBirth"];

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
        List<string> Forms, List<string> Means, IdentificationStatus Status, IntakeChannel Channel, string Region, List<string> Exploitation,
        string GivenName = "", string FamilyName = "", string DateOfBirth = "");

    /// <summary>Reads a CSV (delimiter detected) or an .xlsx file (first worksheet) into rows of text, header first.</summary>
    public static List<string[]> ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadFile(stream, path);
    }

    /// <summary>As above, from an upload: <paramref name="fileName"/> says whether it is Excel (.xlsx) or CSV.</summary>
    public static List<string[]> ReadFile(Stream stream, string fileName)
    {
        if (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            using var wb = new XLWorkbook(stream);
            var ws = wb.Worksheets.First();
            var used = ws.RangeUsed();
            if (used is null) return [];
            var width = used.LastColumn().ColumnNumber();
            return [.. used.Rows().Select(r => Enumerable.Range(1, width).Select(c => r.Cell(c).GetFormattedString()).ToArray())];
        }
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Platform.CsvText.ReadAll(reader);
    }

    // Rows are checked and prepared in chunks of this many, in parallel; each chunk keeps its rows (and errors) in file order.
    private const int ChunkRows = 2048;
    // Keys looked up per query when checking what was imported before: one round trip per 10,000 rows of a large file.
    private const int KeysPerQuery = 10_000;
    // Records prepared (and encrypted) while the previous slice is being written.
    private const int RecordsPerSlice = 50_000;

    public static async Task<Result> RunAsync(IServiceProvider sp, List<string[]> records, Options options, IProgress<int>? progress, CancellationToken ct)
    {
        var db = sp.GetRequiredService<SigurDb>();
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
        var region = Regions.Lookup(sp.GetRequiredService<StatisticsSettings>().ReportingCountry);
        var total = records.Count - 1;
        var checkedRows = 0;
        var parsedChunks = new List<Parsed>[(total + ChunkRows - 1) / ChunkRows];
        var errorChunks = new List<RowError>[parsedChunks.Length];
        var contents = new string?[total];
        Parallel.For(0, parsedChunks.Length, new ParallelOptions { CancellationToken = ct }, chunk =>
        {
            var (parsedHere, errorsHere) = (new List<Parsed>(ChunkRows), new List<RowError>());
            for (var r = 1 + chunk * ChunkRows; r <= Math.Min(total, (chunk + 1) * ChunkRows); r++)
            {
                var record = records[r];
                if (record.All(string.IsNullOrWhiteSpace)) continue;
                string Get(string field) => columns.TryGetValue(field, out var i) && i < record.Length ? record[i].Trim() : "";
                var rowNumber = r + 1;
                void Fail(string field, string message) =>
                    errorsHere.Add(new RowError(rowNumber, options.Mapping?.GetValueOrDefault(field) ?? field, message));

                contents[r - 1] = string.Join('\u001f', wanted.Select(Get));
                var p = options.Layout == Layout.Ctdc ? ParseCtdc(Get, Fail, today, options.CtdcStatus) : ParseSigur(Get, Fail, today, region);
                parsedHere.Add(p with { Row = rowNumber });
            }
            (parsedChunks[chunk], errorChunks[chunk]) = (parsedHere, errorsHere);
            var last = Math.Min(total, (chunk + 1) * ChunkRows);
            progress?.Report(Interlocked.Add(ref checkedRows, last - chunk * ChunkRows) / 2);
        });
        var parsed = parsedChunks.SelectMany(c => c).ToList();
        var errors = errorChunks.SelectMany(c => c).ToList();

        AssignKeys(parsed, contents, options.Layout, sp.GetRequiredService<KeyEncryptionKey>());

        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in parsed.Select(p => p.Key).Chunk(KeysPerQuery))
            existing.UnionWith(await db.Set<ImportedRecord>().AsNoTracking().Where(x => EF.Parameter(chunk).Contains(x.Key)).Select(x => x.Key).ToListAsync(ct));
        var fresh = parsed.Where(p => !existing.Contains(p.Key)).ToList();
        if (errors.Count > 0 || options.DryRun || fresh.Count == 0)
        {
            progress?.Report(total);
            return new Result(parsed.Count, fresh.Count, parsed.Count - fresh.Count, 0, options.DryRun, errors);
        }

        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var batch = Guid.CreateVersion7();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var first = int.Parse((await CaseReferences.NextAsync(db, now.Year, ct))[5..], CultureInfo.InvariantCulture);
        if (fresh.Count > 1)
            await db.CaseReferenceCounters.Where(c => c.Year == now.Year).ExecuteUpdateAsync(s => s.SetProperty(c => c.Next, c => c.Next + (fresh.Count - 1)), ct);
        await using var cache = await BulkInsert.LargerCacheAsync(db, ct);
        // Written in slices: while one slice is written (mostly the database's work: indexes and foreign keys), the next
        // is prepared and encrypted on our cores. Each slice goes parents first: the foreign keys are checked per statement.
        var slices = fresh.Chunk(RecordsPerSlice).ToArray();
        var before = 0;
        void Report(double records) => progress?.Report(total / 2 + (int)(records * (total - total / 2) / fresh.Count));
        Task<BulkInsert.Converted[]> Next(int s) =>
            Task.Run(() => Prepare(db, slices[s], options, batch, now, first + s * RecordsPerSlice), ct);
        var next = Next(0);
        for (var s = 0; s < slices.Length; s++)
        {
            var tables = await next;
            if (s + 1 < slices.Length) next = Next(s + 1);
            for (var t = 0; t < tables.Length; t++)
            {
                var (table, count) = (t, tables[t].Count);
                await BulkInsert.WriteAsync(db, tables[t], ct, n => Report(before + slices[s].Length * (table + (double)n / count) / tables.Length));
            }
            before += slices[s].Length;
        }

        db.AuditWithNextSave(sp.GetRequiredService<Audit>().New(AuditAction.Create, "ImportBatch", batch.ToString(), [],
            $"{options.Layout} import: {fresh.Count} cases"));
        // The bulk rows bypassed the change tracker: one journal row names the batch for the statistics snapshot.
        db.Set<StatisticsChange>().Add(new StatisticsChange { ImportBatchId = batch });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        progress?.Report(total);
        return new Result(parsed.Count, fresh.Count, parsed.Count - fresh.Count, fresh.Count, false, errors);
    }

    /// <summary>
    /// The idempotency key of each row: the layout and the row's content, with its occurrence among identical rows of
    /// the file (the second of two equal rows is a record of its own), as a keyed HMAC. The content holds names and
    /// birth dates, and a plain hash of a name and a date could be reversed by hashing guesses; without the
    /// key-encryption key nobody can test a guess against the imported_record table.
    /// </summary>
    private static void AssignKeys(List<Parsed> parsed, string?[] contents, Layout layout, KeyEncryptionKey kek)
    {
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        var occurrence = new int[parsed.Count];
        for (var i = 0; i < parsed.Count; i++)
        {
            var content = contents[parsed[i].Row - 2]!;
            occurrence[i] = occurrences[content] = occurrences.GetValueOrDefault(content) + 1;
        }
        var importKey = kek.Derive("sigur import key v1");
        Parallel.For(0, (parsed.Count + ChunkRows - 1) / ChunkRows, chunk =>
        {
            // Keyed once per chunk: a one-shot HMAC looks the algorithm up in OpenSSL on every call.
            using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, importKey);
            for (var i = chunk * ChunkRows; i < Math.Min(parsed.Count, (chunk + 1) * ChunkRows); i++)
            {
                hmac.AppendData(Encoding.UTF8.GetBytes($"{layout}\u001e{contents[parsed[i].Row - 2]}\u001e{occurrence[i]}"));
                parsed[i] = parsed[i] with { Key = Convert.ToHexStringLower(hmac.GetHashAndReset()) };
            }
        });
    }

    /// <summary>
    /// The rows to write for new records, as stored values (encrypted, keyed tokens): persons, cases, imported records,
    /// person name tokens, case name tokens — in that order, parents first. Runs on all cores, touches no connection.
    /// </summary>
    private static BulkInsert.Converted[] Prepare(SigurDb db, Parsed[] fresh, Options options, Guid batch, DateTime now, int firstReference)
    {
        var persons = new Person[fresh.Length];
        var cases = new Case[fresh.Length];
        var imported = new ImportedRecord[fresh.Length];
        var tokens = new (List<string> Person, List<string> Case)[fresh.Length];
        var layout = options.Layout.ToString().ToLowerInvariant();
        Parallel.For(0, (fresh.Length + ChunkRows - 1) / ChunkRows, chunk =>
        {
            for (var i = chunk * ChunkRows; i < Math.Min(fresh.Length, (chunk + 1) * ChunkRows); i++)
            {
                var p = fresh[i];
                var person = persons[i] = new Person
                {
                    OrganisationId = options.OrganisationId, Sex = p.Sex, PossiblyChild = p.PossiblyChild, Citizenships = p.Citizenships, CreatedAt = now,
                    GivenName = p.GivenName, FamilyName = p.FamilyName, DateOfBirth = p.DateOfBirth,
                };
                var intake = p.IntakeDate ?? new DateOnly(p.Year ?? now.Year, 1, 1);
                var c = cases[i] = new Case
                {
                    Reference = $"{now.Year}-{firstReference + i:D6}", OrganisationId = options.OrganisationId, PersonId = person.Id, RegisteredAt = now,
                    IntakeDate = intake.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                    IdentificationStatus = p.Status, IntakeChannel = p.Channel, FormsOfExploitation = p.Forms, MeansOfControl = p.Means,
                    CountriesOfExploitation = p.Exploitation, Region = p.Region, Narrative = "",
                    // A date of birth decides the age at intake, as AgeAtIntakeStamp does on every save through EF; the
                    // age column counts only without one.
                    AgeAtIntake = AgeAtIntakeStamp.Of(person, intake) ?? p.Age,
                };
                imported[i] = new ImportedRecord
                {
                    Key = p.Key, CaseId = c.Id, OrganisationId = options.OrganisationId, BatchId = batch, Layout = layout,
                    ImportedAt = now, YearUnknown = p.Year is null && p.IntakeDate is null,
                };
                tokens[i] = p.GivenName.Length > 0 || p.FamilyName.Length > 0
                    ? NameIndex.NewTokens(db.Protection, person)
                    : ([], []);
            }
        });
        var personTokens = new List<PersonNameToken>(tokens.Sum(t => t.Person.Count));
        var caseTokens = new List<CaseNameToken>(tokens.Sum(t => t.Case.Count));
        for (var i = 0; i < fresh.Length; i++)
        {
            foreach (var token in tokens[i].Person) personTokens.Add(new PersonNameToken { PersonId = persons[i].Id, OrganisationId = options.OrganisationId, Token = token });
            foreach (var token in tokens[i].Case)
                caseTokens.Add(new CaseNameToken { CaseId = cases[i].Id, OrganisationId = options.OrganisationId, RegisteredAt = now, Token = token });
        }
        return [BulkInsert.Convert(db, persons), BulkInsert.Convert(db, cases), BulkInsert.Convert(db, imported),
            BulkInsert.Convert(db, personTokens), BulkInsert.Convert(db, caseTokens)];
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

    private static Parsed ParseSigur(Func<string, string> get, Action<string, string> fail, DateOnly today, Func<string, string?> regionCode)
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
        // A code or a region's name in any interface language; stored as the code.
        var regionText = get("region");
        var region = regionText.Length == 0 ? "" : regionCode(regionText) ?? "";
        if (regionText.Length > 0 && region.Length == 0) fail("region", "A region of the reporting country: its code (such as MK006) or its name.");
        var exploitation = Country(get("countryOfExploitation"), "countryOfExploitation", fail);
        var givenName = Name(get("givenName"), "givenName", fail);
        var familyName = Name(get("familyName"), "familyName", fail);
        var dateOfBirth = BirthDate(get("dateOfBirth"), date, today, fail);
        return new Parsed(0, "", date?.Year, date, sex, age, possiblyChild, citizenships, forms, [], status, channel, region, exploitation,
            givenName, familyName, dateOfBirth);
    }

    private static string Name(string value, string column, Action<string, string> fail)
    {
        if (value.Length > 200) fail(column, "At most 200 characters.");
        else if (value.Any(char.IsControl)) fail(column, "No control characters (tabs, line breaks).");
        return value;
    }

    /// <summary>A full date (YYYY-MM-DD) or a year (YYYY), as Person.DateOfBirth keeps them: real, not in the future, not after the intake.</summary>
    private static string BirthDate(string value, DateOnly? intake, DateOnly today, Action<string, string> fail)
    {
        if (value.Length == 0) return "";
        const string expected = "A date of birth (YYYY-MM-DD) or a year of birth (YYYY) from 1900 to today, or empty.";
        DateOnly earliest;
        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            if (year < 1900 || year > today.Year) { fail("dateOfBirth", expected); return ""; }
            earliest = new DateOnly(year, 1, 1);
        }
        else if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 1900 && d <= today)
            earliest = d;
        else { fail("dateOfBirth", expected); return ""; }
        if (intake is { } i && earliest > i) fail("dateOfBirth", "The date of birth is after the intake date.");
        return value;
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
