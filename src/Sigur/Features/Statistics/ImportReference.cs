using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>
/// Loads a reference series: published figures in the UNODC GLOTIP layout (Iso3_code, Country, Indicator, Dimension,
/// Category, Sex, Age, Year, Unit of measurement, txtVALUE, Source). A value "&lt;5" stays withheld, with its bound;
/// each figure keeps its source. All or nothing: one bad row and nothing is written. Importing the same file again
/// changes nothing; a later release of the same figures replaces their values. The file holds no personal data.
/// Figures sharing their labels (GLOTIP splits "other forms of exploitation" without naming the parts) are all kept,
/// numbered in file order, and not compared with a national figure.
/// </summary>
public static class ImportReference
{
    public const string Glotip = "GLOTIP";

    private static readonly string[] Required = ["Iso3_code", "Indicator", "Dimension", "Category", "Sex", "Age", "Year", "txtVALUE", "Source"];

    public sealed record Result(int Rows, int Added, int Updated, int Unchanged, int Suppressed, int SharedLabels, bool DryRun, IReadOnlyList<ImportCases.RowError> Errors)
    {
        public bool Succeeded => Errors.Count == 0;

        public override string ToString() =>
            (DryRun ? "Dry run: " : "") + $"{Rows} rows: {Added} new, {Updated} updated, {Unchanged} unchanged, {Suppressed} withheld by the publisher (<n), "
            + $"{SharedLabels} sharing their labels with an earlier figure, {Errors.Count} errors.\n"
            + string.Concat(Errors.Select(e => $"  row {e.Row}, column {e.Column}: {e.Message}\n"))
            + (!DryRun && Errors.Count > 0 ? "Nothing was written.\n" : "");
    }

    public static async Task<Result> RunAsync(SigurDb db, string path, bool dryRun, DateTime now, CancellationToken ct)
    {
        List<string[]> records;
        using (var reader = new StreamReader(path, Encoding.UTF8)) records = CsvText.ReadAll(reader);
        return await RunAsync(db, records, Path.GetFileName(path), dryRun, now, ct);
    }

    public static async Task<Result> RunAsync(SigurDb db, List<string[]> records, string file, bool dryRun, DateTime now, CancellationToken ct)
    {
        if (records.Count == 0) return new Result(0, 0, 0, 0, 0, 0, dryRun, [new(1, "", "The file is empty.")]);
        var header = records[0].Select(h => h.Trim()).ToArray();
        var column = Required.Concat(["Country", "Unit of measurement"]).ToDictionary(n => n, n => Array.FindIndex(header, h => string.Equals(h, n, StringComparison.OrdinalIgnoreCase)));
        var missing = Required.Where(n => column[n] < 0).ToList();
        if (missing.Count > 0)
            return new Result(records.Count - 1, 0, 0, 0, 0, 0, dryRun, [.. missing.Select(m => new ImportCases.RowError(1, m, "This column of the GLOTIP layout is missing."))]);

        var errors = new List<ImportCases.RowError>();
        var figures = new Dictionary<string, ReferenceFigure>(StringComparer.Ordinal);
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var r = 1; r < records.Count; r++)
        {
            var row = records[r];
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            var line = r + 1;
            string Get(string name) => column[name] >= 0 && column[name] < row.Length ? row[column[name]].Trim() : "";
            var iso3 = Get("Iso3_code").ToUpperInvariant();
            if (iso3.Length != 3 || !iso3.All(char.IsAsciiLetterUpper)) { errors.Add(new(line, "Iso3_code", "Three letters (ISO 3166-1 alpha-3).")); continue; }
            if (!int.TryParse(Get("Year"), NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 1900 or > 2100) { errors.Add(new(line, "Year", "A year such as 2020.")); continue; }
            var text = Get("txtVALUE");
            int? value = null, below = null;
            if (text.StartsWith('<') && int.TryParse(text[1..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bound) && bound > 0) below = bound;
            else if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v)) value = v;
            else { errors.Add(new(line, "txtVALUE", "A whole number, or <n for a figure the publisher withheld.")); continue; }
            var indicator = Get("Indicator");
            var source = Get("Source");
            if (indicator.Length == 0) { errors.Add(new(line, "Indicator", "Empty.")); continue; }
            if (source.Length == 0) { errors.Add(new(line, "Source", "Every figure names its source.")); continue; }
            var figure = new ReferenceFigure
            {
                Series = Glotip, CountryCode = iso3, CountryName = Truncate(Get("Country"), 100), Indicator = Truncate(indicator, 100),
                Dimension = Truncate(Get("Dimension"), 100), Category = Truncate(Get("Category"), 200), Sex = Truncate(Get("Sex"), 20), Age = Truncate(Get("Age"), 40),
                Year = year, UnitOfMeasurement = Truncate(Get("Unit of measurement"), 40), Value = value, SuppressedBelow = below,
                Source = Truncate(source, 200), File = Truncate(file, 200), ImportedAt = now, Key = "",
            };
            // GLOTIP lists several figures under the same labels (the parts of "other forms"): each is kept, told apart by its place in the file.
            var labels = Identity(figure);
            figure.Occurrence = occurrences[labels] = occurrences.GetValueOrDefault(labels) + 1;
            figure.Key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(labels + '\u001f' + figure.Occurrence.ToString(CultureInfo.InvariantCulture))));
            figures[figure.Key] = figure;
        }
        var suppressed = figures.Values.Count(f => f.Value is null);
        var shared = figures.Values.Count(f => f.Occurrence > 1);
        if (errors.Count > 0) return new Result(records.Count - 1, 0, 0, 0, suppressed, shared, dryRun, errors);

        var keys = figures.Keys.ToList();
        var existing = new Dictionary<string, ReferenceFigure>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
            foreach (var f in await db.Set<ReferenceFigure>().Where(f => chunk.Contains(f.Key)).ToListAsync(ct)) existing[f.Key] = f;
        int added = 0, updated = 0, unchanged = 0;
        foreach (var figure in figures.Values)
        {
            if (!existing.TryGetValue(figure.Key, out var stored)) { added++; db.Add(figure); continue; }
            if (stored.Value == figure.Value && stored.SuppressedBelow == figure.SuppressedBelow && stored.Source == figure.Source) { unchanged++; continue; }
            updated++;
            stored.Value = figure.Value;
            stored.SuppressedBelow = figure.SuppressedBelow;
            stored.File = figure.File;
            stored.ImportedAt = now;
        }
        if (!dryRun) await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new Result(records.Count - 1, added, updated, unchanged, suppressed, shared, dryRun, []);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private static string Identity(ReferenceFigure f) => string.Join('\u001f', f.Series, f.CountryCode, f.Indicator, f.Dimension, f.Category, f.Sex, f.Age,
        f.Year.ToString(CultureInfo.InvariantCulture), f.UnitOfMeasurement, f.Source);
}
