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

    private static void Xlsx(Report r, Stream output)
    {
        using var wb = new XLWorkbook();
        var about = wb.Worksheets.Add("About");
        string[][] lines =
        [
            [T(r.Template.Title)], [T("Source"), T(r.Template.Source)], [T("Reporting country"), r.Country], [T("Year"), r.Year.ToString(CultureInfo.InvariantCulture)],
            [T("Produced by"), r.Author.Name], [T("Role"), RoleLabel(r.Author.Role)], [T("Data extracted (UTC)"), r.ExtractedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)],
            [T("Legend"), r.Legend],
        ];
        for (var i = 0; i < lines.Length; i++)
            for (var j = 0; j < lines[i].Length; j++) about.Cell(i + 1, j + 1).SetValue(Spreadsheet.Safe(lines[i][j]));
        about.Cell(1, 1).Style.Font.Bold = true;
        foreach (var t in r.Tables)
            TableSheet(wb, t, r.Legend, ProducedBy(r.Author, r.ExtractedAt));
        wb.SaveAs(output);
    }

    private static void TableSheet(XLWorkbook wb, PublishedTable t, string legend, string producedBy)
    {
        var ws = wb.Worksheets.Add(t.Id ?? "Table");
        ws.Cell(1, 1).SetValue(Spreadsheet.Safe(T(t.Title ?? "")));
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(2, 1).SetValue(Spreadsheet.Safe(T("Counting rules") + ": " + Definition(t)));
        var row = 4;
        ws.Cell(row, 1).SetValue(Spreadsheet.Safe(DimensionLabel(t.Rows)));
        for (var j = 0; j <= t.ColumnCategories.Count; j++)
            ws.Cell(row, j + 2).SetValue(Spreadsheet.Safe(j < t.ColumnCategories.Count ? CategoryLabel(t.Columns ?? "", t.ColumnCategories[j]) : T("Total")));
        ws.Row(row).Style.Font.Bold = true;
        for (var i = 0; i <= t.RowCategories.Count; i++)
        {
            row++;
            ws.Cell(row, 1).SetValue(Spreadsheet.Safe(i < t.RowCategories.Count ? CategoryLabel(t.Rows, t.RowCategories[i]) : T("Total")));
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
        var producedBy = ProducedBy(author, extractedAt);
        if (format == ReportFormat.Xlsx)
        {
            using var wb = new XLWorkbook();
            TableSheet(wb, t with { Title = t.Title ?? (t.Filters.Count > 0 ? T("Filters") + ": " + string.Join("; ", t.Filters) : "") }, Legend(t.SuppressionThreshold), producedBy);
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

    /// <summary>What the marks in a file's cells mean; {0} is the threshold below which a figure is withheld.</summary>
    public const string LegendText = "c = confidential: withheld because it is below {0} or would reveal a withheld figure. n/a = not applicable: a category the table's definition excludes. 0 = known to be none; empty = not known.";

    public static string Legend(int threshold) => string.Format(CultureInfo.CurrentCulture, T(LegendText), threshold);

    private static string ProducedBy(Author author, DateTime extractedAt) =>
        string.Format(CultureInfo.CurrentCulture, T("Produced by {0}; data extracted {1} UTC."), AuthorLabel(author), extractedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));

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

    /// <summary>
    /// A label from the string table in the reader's interface language (the current UI culture: the page's or the API
    /// caller's; English on the command line), or <paramref name="fallback"/> where there is none. The CSV is an
    /// exchange format and keeps its codes.
    /// </summary>
    private static string Word(string? key, string fallback) =>
        key is null ? fallback : Strings.GetString(key, CultureInfo.CurrentUICulture) ?? fallback;

    /// <summary>A text of the report, whose English is its key.</summary>
    private static string T(string english) => Word(english, english);

    /// <summary>What a reader calls a category ("Not a victim", not NotAVictim).</summary>
    internal static string CategoryLabel(string dimension, string category) => Word(Dimensions.CategoryKey(dimension, category), category);

    /// <summary>What a reader calls a dimension ("Age group", not agegroup).</summary>
    internal static string DimensionLabel(string dimension) => T(Dimensions.Find(dimension)?.Label ?? dimension);

    /// <summary>A role by its label; a role given in words on the command line stays as given.</summary>
    private static string RoleLabel(string role) => Enum.TryParse<Role>(role, out var r) && Enum.IsDefined(r) ? Word($"Role.{r}", role) : role;

    /// <summary>The author by name and role ("Ana Petrova (National coordinator)").</summary>
    internal static string AuthorLabel(Author author) => $"{author.Name} ({RoleLabel(author.Role)})";

    private static string Definition(PublishedTable t) =>
        CountingRules.Definition(t.Unit, t.Reference, Dimensions.Find(t.Rows)?.MultiValued == true || (t.Columns is { } c && Dimensions.Find(c)?.MultiValued == true), T);

    private static void Pdf(Report r, Stream output)
    {
        using var pdf = new PdfPages(T(r.Template.Title), AuthorLabel(r.Author));
        var (regular, bold, lineHeight, left, bottom) = (pdf.Regular, pdf.Bold, PdfPages.LineHeight, PdfPages.Left, PdfPages.Bottom);
        pdf.Text(T(r.Template.Title), pdf.Title);
        pdf.Gap(4);
        pdf.Text(string.Format(CultureInfo.CurrentCulture, T("{0}, {1}. Produced by {2}; data extracted {3} UTC."), r.Country, r.Year, AuthorLabel(r.Author),
            r.ExtractedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)));
        pdf.Text(T("Source") + ": " + T(r.Template.Source));
        pdf.Text(r.Legend);
        foreach (var t in r.Tables)
        {
            var needed = (t.RowCategories.Count + 5) * lineHeight;
            if (pdf.Y + needed > bottom) pdf.NewPage();
            pdf.Gap(10);
            pdf.Text($"{t.Id}. {T(t.Title ?? "")}", bold);
            pdf.Text(T("Counting rules") + ": " + Definition(t));
            var columns = t.ColumnCategories.Select(c => CategoryLabel(t.Columns ?? "", c)).Append(T("Total")).ToList();
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
                gfx.DrawString(i < t.RowCategories.Count ? CategoryLabel(t.Rows, t.RowCategories[i]) : T("Total"), font, XBrushes.Black, new XPoint(left, pdf.Y));
                for (var j = 0; j < columns.Count; j++)
                    gfx.DrawString(t.IsNotApplicable(i, j) ? "n/a" : CrossTab.Format(t.Cells[i][j]), font, XBrushes.Black,
                        new XRect(left + firstWidth + j * width, pdf.Y - 9, width - 4, lineHeight), XStringFormats.TopRight);
                pdf.Y += lineHeight;
            }
        }
        pdf.Save(output);
    }
}
