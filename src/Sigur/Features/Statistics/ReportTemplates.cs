using System.Text.Json;
using System.Text.Json.Serialization;
using Sigur.Data;

namespace Sigur.Features.Statistics;

/// <summary>
/// A report template is data, not code: a JSON file under Templates/ (embedded) naming its source and listing its
/// tables as dimension names and filters. Adding a report means adding a file. The tables of one report are
/// protected together (see Suppression), at the publication threshold.
/// </summary>
public sealed record ReportTemplate(string Id, string Title, string Source, CountingUnit Unit, ReferenceDate Reference, IReadOnlyList<ReportTemplate.Table> Tables)
{
    public sealed record Table(string Id, string Title, string Rows, string? Cols, IReadOnlyList<string> Filters);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly Lazy<IReadOnlyList<ReportTemplate>> Loaded = new(() =>
    {
        var assembly = typeof(ReportTemplate).Assembly;
        return [.. assembly.GetManifestResourceNames().Where(n => n.StartsWith("Sigur.Templates.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                var t = JsonSerializer.Deserialize<ReportTemplate>(stream, Json) ?? throw new InvalidOperationException($"Template {n} is empty.");
                foreach (var table in t.Tables)
                    if (CrossTab.Validate(table.Rows, table.Cols, table.Filters, out _).Count > 0)
                        throw new InvalidOperationException($"Template {t.Id}, table {table.Id}: unknown dimension or filter.");
                return t;
            })];
    });

    public static IReadOnlyList<ReportTemplate> All => Loaded.Value;

    public static ReportTemplate? Find(string? id) => All.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The template's tables for one year, counted and protected together.</summary>
    public async Task<Report> RunAsync(SigurDb db, StatisticsSettings statistics, int year, Author author, DateTime extractedAt, CancellationToken ct)
    {
        var specs = Tables.Select(t =>
        {
            CrossTab.Validate(t.Rows, t.Cols, [.. t.Filters, $"year={year}"], out var filters);
            return new TableSpec(t.Rows, t.Cols, filters, Unit, Reference, t.Title, t.Id);
        }).ToList();
        var tables = await CrossTab.PublishAsync(db, statistics, specs, publication: true, ct);
        return new Report(this, year, statistics.ReportingCountry, author, extractedAt, tables);
    }
}

/// <summary>Who produced a report: a person's name and role, which the publisher prints with the figures.</summary>
public sealed record Author(string Name, string Role)
{
    public override string ToString() => $"{Name} ({Role})";
}

/// <summary>A template filled in for one year, with the moment its data were read from the database.</summary>
public sealed record Report(ReportTemplate Template, int Year, string Country, Author Author, DateTime ExtractedAt, IReadOnlyList<PublishedTable> Tables)
{
    public string Threshold => Tables.Count > 0 ? Tables[0].SuppressionThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture) : "";

    public string Legend => ReportFiles.Legend(Tables.Count > 0 ? Tables[0].SuppressionThreshold : 0);
}
