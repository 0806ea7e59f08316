using System.Globalization;
using ClosedXML.Excel;
using PdfSharp.Drawing;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

public enum ReportFormat { Xlsx, Csv, Pdf }

/// <summary>A report as a file: Excel (ClosedXML), CSV (long, one figure per row) or PDF (PDFsharp 6.2, MIT).</summary>
public static class ReportFiles
{
    public static string ContentType(ReportFormat f) => f switch
    {
        ReportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ReportFormat.Csv => "text/csv",
        _ => "application/pdf",
    };

    public static string FileName(Report r, ReportFormat f) => $"{r.Template.Id}-{r.Year}.{f.ToString().ToLowerInvariant()}";

    public static async Task WriteAsync(Report report, ReportFormat format, Stream output, CancellationToken ct)
    {
        // ClosedXML and PDFsharp write synchronously; buffering keeps Kestrel's no-synchronous-IO rule.
        using var buffer = new MemoryStream();
        switch (format)
        {
            case ReportFormat.Xlsx: Xlsx(report, buffer); break;
            case ReportFormat.Csv: await CsvAsync(report, buffer); break;
            default: Pdf(report, buffer); break;
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    private static string Label(string? category) => category ?? "Total";

    private static void Xlsx(Report r, Stream output)
    {
        using var wb = new XLWorkbook();
        var about = wb.Worksheets.Add("About");
        string[][] lines =
        [
            [r.Template.Title], ["Source", r.Template.Source], ["Reporting country", r.Country], ["Year", r.Year.ToString(CultureInfo.InvariantCulture)],
            ["Produced by", r.Author.Name], ["Role", r.Author.Role], ["Data extracted (UTC)", r.ExtractedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)],
            ["Legend", r.Legend],
        ];
        for (var i = 0; i < lines.Length; i++)
            for (var j = 0; j < lines[i].Length; j++) about.Cell(i + 1, j + 1).SetValue(Spreadsheet.Safe(lines[i][j]));
        about.Cell(1, 1).Style.Font.Bold = true;
        foreach (var t in r.Tables)
            TableSheet(wb, t, r.Legend, $"Produced by {r.Author}; data extracted {r.ExtractedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.");
        wb.SaveAs(output);
    }

    private static void TableSheet(XLWorkbook wb, PublishedTable t, string legend, string producedBy)
    {
        var ws = wb.Worksheets.Add(t.Id ?? "Table");
        ws.Cell(1, 1).SetValue(Spreadsheet.Safe(t.Title ?? ""));
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(2, 1).SetValue(Spreadsheet.Safe("Counting rules: " + t.Definition));
        var row = 4;
        ws.Cell(row, 1).SetValue(t.Rows);
        for (var j = 0; j <= t.ColumnCategories.Count; j++)
            ws.Cell(row, j + 2).SetValue(Spreadsheet.Safe(j < t.ColumnCategories.Count ? t.ColumnCategories[j] : "Total"));
        ws.Row(row).Style.Font.Bold = true;
        for (var i = 0; i <= t.RowCategories.Count; i++)
        {
            row++;
            ws.Cell(row, 1).SetValue(Spreadsheet.Safe(i < t.RowCategories.Count ? t.RowCategories[i] : "Total"));
            for (var j = 0; j <= t.ColumnCategories.Count; j++)
            {
                var value = t.Cells[i][j];
                if (t.IsNotApplicable(i, j)) ws.Cell(row, j + 2).SetValue("n/a");
                else if (value is { } v) ws.Cell(row, j + 2).SetValue(v);
                else ws.Cell(row, j + 2).SetValue("c");
            }
        }
        ws.Cell(row + 2, 1).SetValue(legend);
        ws.Cell(row + 3, 1).SetValue(Spreadsheet.Safe(producedBy));
        ws.Column(1).Width = 28;
    }

    /// <summary>
    /// One cross-table of the statistics page as a file: Excel (the table on one sheet, with its filters, counting
    /// rules, legend, author and extraction time) or CSV in the long layout of the reports (template "table").
    /// </summary>
    public static async Task WriteTableAsync(PublishedTable t, string country, Author author, DateTime extractedAt, ReportFormat format, Stream output, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var producedBy = $"Produced by {author}; data extracted {extractedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC.";
        if (format == ReportFormat.Xlsx)
        {
            using var wb = new XLWorkbook();
            TableSheet(wb, t with { Title = t.Title ?? (t.Filters.Count > 0 ? "Filters: " + string.Join("; ", t.Filters) : "") }, Legend(t.SuppressionThreshold), producedBy);
            wb.SaveAs(buffer);
        }
        else
        {
            await using var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false), leaveOpen: true);
            await Platform.CsvText.WriteAsync(writer, CsvRows(t, country, "", "table", author, extractedAt).Prepend(CsvHeader));
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    public static string Legend(int threshold) =>
        $"c = confidential: withheld because it is below {threshold.ToString(CultureInfo.InvariantCulture)} or would reveal a withheld figure. n/a = not applicable: a category the table's definition excludes. 0 = known to be none; empty = not known.";

    /// <summary>The long layout of the regional database (and a convenient one for any CSV): one figure per row.</summary>
    public static readonly string[] CsvHeader =
        ["country", "year", "template", "table", "row_dimension", "row_category", "column_dimension", "column_category", "value", "flag", "unit", "definition",
         "author", "author_role", "extracted_at"];

    private static async Task CsvAsync(Report r, Stream output)
    {
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        var rows = new List<IReadOnlyList<string>> { CsvHeader };
        foreach (var t in r.Tables) rows.AddRange(CsvRows(t, r.Country, r.Year.ToString(CultureInfo.InvariantCulture), r.Template.Id, r.Author, r.ExtractedAt));
        await Platform.CsvText.WriteAsync(writer, rows);
    }

    private static IEnumerable<IReadOnlyList<string>> CsvRows(PublishedTable t, string country, string year, string template, Author author, DateTime extractedAt)
    {
        for (var i = 0; i <= t.RowCategories.Count; i++)
            for (var j = 0; j <= t.ColumnCategories.Count; j++)
            {
                var value = t.IsNotApplicable(i, j) ? null : t.Cells[i][j];
                yield return [country, year, template, t.Id ?? "", t.Rows,
                    Spreadsheet.Safe(i < t.RowCategories.Count ? t.RowCategories[i] : "Total"), t.Columns ?? "",
                    Spreadsheet.Safe(j < t.ColumnCategories.Count ? t.ColumnCategories[j] : "Total"),
                    value?.ToString(CultureInfo.InvariantCulture) ?? "", t.IsNotApplicable(i, j) ? "n/a" : value is null ? "c" : "", t.Unit.ToString(), t.Definition,
                    Spreadsheet.Safe(author.Name), Spreadsheet.Safe(author.Role), extractedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)];
            }
    }

    private static readonly System.Resources.ResourceManager Strings = new("Sigur.Resources.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>A label from the string table (English, as the rest of the report), or <paramref name="fallback"/> where there is none.</summary>
    private static string English(string? key, string fallback) =>
        key is null ? fallback : Strings.GetString(key, CultureInfo.InvariantCulture) ?? fallback;

    /// <summary>What a reader calls a category ("Not a victim", not NotAVictim).</summary>
    internal static string CategoryLabel(string dimension, string category) => English(Dimensions.CategoryKey(dimension, category), category);

    /// <summary>What a reader calls a dimension ("Age group", not agegroup).</summary>
    internal static string DimensionLabel(string dimension) => Dimensions.Find(dimension)?.Label ?? dimension;

    /// <summary>The author by name and role ("Ana Petrova (National coordinator)"); a role given in words on the command line stays as given.</summary>
    internal static string AuthorLabel(Author author) =>
        $"{author.Name} ({(Enum.TryParse<Role>(author.Role, out var role) && Enum.IsDefined(role) ? English($"Role.{role}", author.Role) : author.Role)})";

    private static void Pdf(Report r, Stream output)
    {
        using var pdf = new PdfPages(r.Template.Title, AuthorLabel(r.Author));
        var (regular, bold, lineHeight, left, bottom) = (pdf.Regular, pdf.Bold, PdfPages.LineHeight, PdfPages.Left, PdfPages.Bottom);
        pdf.Text(r.Template.Title, pdf.Title);
        pdf.Gap(4);
        pdf.Text($"{r.Country}, {r.Year}. Produced by {AuthorLabel(r.Author)}; data extracted {r.ExtractedAt:yyyy-MM-dd HH:mm} UTC.");
        pdf.Text("Source: " + r.Template.Source);
        pdf.Text(r.Legend);
        foreach (var t in r.Tables)
        {
            var needed = (t.RowCategories.Count + 5) * lineHeight;
            if (pdf.Y + needed > bottom) pdf.NewPage();
            pdf.Gap(10);
            pdf.Text($"{t.Id}. {t.Title}", bold);
            pdf.Text("Counting rules: " + t.Definition);
            var columns = t.ColumnCategories.Select(c => CategoryLabel(t.Columns ?? "", c)).Append("Total").ToList();
            var firstWidth = 150.0;
            var width = Math.Min(70, (515 - firstWidth) / columns.Count);
            var gfx = pdf.Graphics;
            gfx.DrawString(DimensionLabel(t.Rows), bold, XBrushes.Black, new XPoint(left, pdf.Y));
            for (var j = 0; j < columns.Count; j++)
                gfx.DrawString(columns[j], regular, XBrushes.Black, new XRect(left + firstWidth + j * width, pdf.Y - 9, width - 4, lineHeight), XStringFormats.TopRight);
            pdf.Y += lineHeight;
            gfx.DrawLine(XPens.Gray, left, pdf.Y - 10, left + firstWidth + columns.Count * width, pdf.Y - 10);
            for (var i = 0; i <= t.RowCategories.Count; i++)
            {
                if (pdf.Y > bottom) pdf.NewPage();
                gfx = pdf.Graphics;
                var font = i < t.RowCategories.Count ? regular : bold;
                gfx.DrawString(i < t.RowCategories.Count ? CategoryLabel(t.Rows, t.RowCategories[i]) : "Total", font, XBrushes.Black, new XPoint(left, pdf.Y));
                for (var j = 0; j < columns.Count; j++)
                    gfx.DrawString(t.IsNotApplicable(i, j) ? "n/a" : CrossTab.Format(t.Cells[i][j]), font, XBrushes.Black,
                        new XRect(left + firstWidth + j * width, pdf.Y - 9, width - 4, lineHeight), XStringFormats.TopRight);
                pdf.Y += lineHeight;
            }
        }
        pdf.Save(output);
    }
}
