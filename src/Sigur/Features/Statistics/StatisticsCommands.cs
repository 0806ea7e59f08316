using Sigur.Host;
using System.CommandLine;
using System.Globalization;
using System.Text;
using Sigur.Data;
using Microsoft.EntityFrameworkCore;
using Sigur.Platform;
using Spectre.Console;

namespace Sigur.Features.Statistics;

/// <summary>The statistics verbs: `stats table`, `stats export`, `export htcds`, `import`, `import-reference`.</summary>
public static class StatisticsCommands
{
    public static IEnumerable<Command> Build()
    {
        var stats = new Command("stats", "Statistics: cross-tables and report templates.");
        stats.Subcommands.Add(TableCommand());
        stats.Subcommands.Add(ReportCommand());
        yield return stats;

        var export = new Command("export", "Anonymised record-level exports.");
        export.Subcommands.Add(HtcdsCommand());
        yield return export;

        yield return ImportCommand();
        yield return ImportReferenceCommand();
    }

    private static Command ImportReferenceCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "A CSV file in the UNODC GLOTIP layout (Iso3_code, …, txtVALUE, Source)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report; write nothing." };
        var command = new Command("import-reference", "Load published figures (a reference series) to show beside the national ones: all or nothing; <5 stays withheld.") { file, dryRun };
        command.SetAction((parse, ct) => Commands.WithServices(async sp =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine("The file does not exist."); return 2; }
            var result = await ImportReference.RunAsync(sp.GetRequiredService<SigurDb>(), path.FullName, parse.GetValue(dryRun),
                sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
            Console.Write(result.ToString());
            return result.Succeeded ? 0 : 1;
        }));
        return command;
    }

    private static Command ImportCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "A .csv (delimiter detected) or .xlsx file." };
        var layout = new Option<ImportCases.Layout>("--layout") { Description = "Ctdc (the CTDC dataset layout) or Sigur (own columns, see --map).", DefaultValueFactory = _ => ImportCases.Layout.Ctdc };
        var organisation = new Option<string>("--organisation") { Required = true, Description = "The organisation that will hold the imported cases (exact name or id)." };
        var map = new Option<string[]>("--map") { Description = "field=column, for the Sigur layout: " + string.Join(", ", ImportCases.SigurFields) };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and report; write nothing." };
        var command = new Command("import", "Import cases from CSV or Excel: all or nothing, re-importing changes nothing.") { file, layout, organisation, map, dryRun };
        command.SetAction((parse, ct) => Commands.WithServices(async sp =>
        {
            var db = sp.GetRequiredService<SigurDb>();
            var org = parse.GetValue(organisation)!;
            var target = Guid.TryParse(org, out var orgId)
                ? await db.Organisations.SingleOrDefaultAsync(o => o.Id == orgId, ct)
                : await db.Organisations.SingleOrDefaultAsync(o => o.Name == org, ct);
            if (target is null) { Console.Error.WriteLine("No organisation with that name or id."); return 2; }
            var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var m in parse.GetValue(map) ?? [])
            {
                var eq = m.IndexOf('=');
                if (eq <= 0 || !ImportCases.SigurFields.Contains(m[..eq])) { Console.Error.WriteLine($"--map: field=column with a field among {string.Join(", ", ImportCases.SigurFields)}."); return 2; }
                mapping[m[..eq]] = m[(eq + 1)..];
            }
            var path = parse.GetValue(file)!;
            if (!path.Exists) { Console.Error.WriteLine("The file does not exist."); return 2; }
            var records = ImportCases.ReadFile(path.FullName);
            ImportCases.Result result = null!;
            await AnsiConsole.Progress().StartAsync(async progress =>
            {
                var task = progress.AddTask(parse.GetValue(dryRun) ? "Checking rows" : "Importing rows", maxValue: Math.Max(records.Count - 1, 1));
                result = await ImportCases.RunAsync(sp, records, new ImportCases.Options(parse.GetValue(layout), target.Id, parse.GetValue(dryRun), mapping),
                    new Progress<int>(n => task.Value = n), ct);
                task.Value = task.MaxValue;
            });
            Console.Write(result.ToString());
            return result.Succeeded ? 0 : 1;
        }));
        return command;
    }

    private static Command ReportCommand()
    {
        var template = new Option<string>("--template") { Required = true, Description = "One of: " + string.Join(", ", ReportTemplate.All.Select(t => t.Id)) };
        var year = new Option<int>("--year") { Required = true, Description = "The reference year." };
        var format = new Option<ReportFormat>("--format") { Description = "xlsx (default), csv or pdf.", DefaultValueFactory = _ => ReportFormat.Xlsx };
        var output = new Option<FileInfo>("--out") { Required = true, Description = "The file to write." };
        var author = new Option<string?>("--author") { Description = "The name printed as the report's author (default: the operating-system user)." };
        var role = new Option<string>("--author-role") { Description = "The author's role, printed beside the name.", DefaultValueFactory = _ => "command line" };
        var command = new Command("export", "Fill in a report template for a year and write it as Excel, CSV or PDF (audited).") { template, year, format, output, author, role };
        command.SetAction((parse, ct) => Commands.WithServices(async sp =>
        {
            var t = ReportTemplate.Find(parse.GetValue(template));
            if (t is null) { Console.Error.WriteLine("--template: one of " + string.Join(", ", ReportTemplate.All.Select(x => x.Id))); return 2; }
            var by = new Author(string.IsNullOrWhiteSpace(parse.GetValue(author)) ? $"OS user {Environment.UserName}" : parse.GetValue(author)!.Trim(), parse.GetValue(role)!);
            var (bytes, _) = await ExportReport.ProduceAsync(sp, t, parse.GetValue(year), parse.GetValue(format), by, ct);
            var file = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(file.FullName, bytes, ct);
            Console.WriteLine($"{t.Title}, {parse.GetValue(year)}: written to {file.FullName}.");
            return 0;
        }));
        return command;
    }

    private static Command HtcdsCommand()
    {
        var k = new Option<int>("--k") { Description = "Every combination of quasi-identifiers is shared by at least k records.", DefaultValueFactory = _ => 11 };
        var output = new Option<FileInfo>("--out") { Required = true, Description = "The CSV file to write." };
        var suppression = new Option<double>("--max-suppression")
        {
            Description = "The largest share of records, in per cent, that may be left out rather than generalised further.",
            DefaultValueFactory = _ => RecordExport.DefaultMaxSuppressedShare * 100,
        };
        var command = new Command("htcds", "Victims in the CTDC/HTCDS record layout, k-anonymous with the least information lost; prints what was generalised.") { k, output, suppression };
        command.SetAction((parse, ct) => Commands.WithServices(async sp =>
        {
            if (parse.GetValue(k) is < 2 or > 1000) { Console.Error.WriteLine("--k must be between 2 and 1000."); return 2; }
            if (parse.GetValue(suppression) is not (>= 0 and <= 100)) { Console.Error.WriteLine("--max-suppression must be a percentage between 0 and 100."); return 2; }
            var (csv, report) = await RecordExport.ProduceAsync(sp, parse.GetValue(k), parse.GetValue(suppression) / 100, "command line", ct);
            var file = parse.GetValue(output)!;
            await File.WriteAllBytesAsync(file.FullName, csv, ct);
            Console.Write(report.ToString());
            Console.WriteLine($"Written to {file.FullName}.");
            return 0;
        }));
        return command;
    }

    private static Command TableCommand()
    {
        var rows = new Option<string>("--rows") { Required = true, Description = "Dimension for rows: " + string.Join(", ", Dimensions.All.Select(d => d.Name)) };
        var cols = new Option<string?>("--cols") { Description = "Dimension for columns (or none)." };
        var filter = new Option<string[]>("--filter") { Description = "dimension=value (one category); repeat for other dimensions.", AllowMultipleArgumentsPerToken = false };
        var unit = new Option<CountingUnit>("--unit") { Description = "Person (default), Case or Proceeding.", DefaultValueFactory = _ => CountingUnit.Person };
        var reference = new Option<ReferenceDate>("--reference") { Description = "Intake (default), Registration or Decision.", DefaultValueFactory = _ => ReferenceDate.Intake };
        var publication = new Option<bool>("--publication") { Description = "Withhold small cells at the publication threshold (11) instead of the internal one (5)." };
        var command = new Command("table", "Print a cross-table, small cells withheld (c).") { rows, cols, filter, unit, reference, publication };
        command.SetAction((parse, ct) => Commands.WithServices(async sp =>
        {
            var errors = CrossTab.Validate(parse.GetValue(rows), parse.GetValue(cols), parse.GetValue(filter) ?? [], out var filters);
            FreeTables.Check(parse.GetValue(rows), parse.GetValue(cols), filters, errors);
            if (errors.Count > 0)
            {
                foreach (var (field, messages) in errors) Console.Error.WriteLine($"--{field}: {string.Join(" ", messages)}");
                return 2;
            }
            var spec = new TableSpec(parse.GetValue(rows)!, parse.GetValue(cols), filters, parse.GetValue(unit), parse.GetValue(reference));
            PublishedTable table;
            try
            {
                table = await FreeTables.PublishAsync(sp.GetRequiredService<FactSnapshot>(), sp.GetRequiredService<SigurDb>(), sp.GetRequiredService<StatisticsSettings>(), spec, parse.GetValue(publication), ct);
            }
            catch (FreeTables.TooLarge e)
            {
                Console.Error.WriteLine($"--filter: {e.Message}");
                return 2;
            }
            Console.Write(Render(table));
            return 0;
        }));
        return command;
    }

    /// <summary>A plain-text table: aligned columns, totals last, withheld cells as c.</summary>
    public static string Render(PublishedTable t)
    {
        var header = new List<string> { t.Rows };
        header.AddRange(t.ColumnCategories);
        header.Add("Total");
        var lines = new List<List<string>> { header };
        for (var i = 0; i <= t.RowCategories.Count; i++)
        {
            var line = new List<string> { i < t.RowCategories.Count ? t.RowCategories[i] : "Total" };
            line.AddRange(t.Cells[i].Select((v, j) => t.IsNotApplicable(i, j) ? "n/a" : CrossTab.Format(v)));
            lines.Add(line);
        }
        var widths = Enumerable.Range(0, header.Count).Select(j => lines.Max(l => l[j].Length)).ToArray();
        var sb = new StringBuilder();
        if (t.Filters.Count > 0) sb.AppendLine(CultureInfo.InvariantCulture, $"Filters: {string.Join("; ", t.Filters)}");
        foreach (var line in lines)
            sb.AppendLine(string.Join("  ", line.Select((v, j) => j == 0 ? v.PadRight(widths[j]) : v.PadLeft(widths[j]))));
        sb.AppendLine(CultureInfo.InvariantCulture, $"c = withheld (fewer than {t.SuppressionThreshold}, or would reveal one). {t.Definition}");
        return sb.ToString();
    }
}
