using System.Globalization;
using ClosedXML.Excel;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
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
            ws.Cell(row + 2, 1).SetValue(r.Legend);
            ws.Cell(row + 3, 1).SetValue(Spreadsheet.Safe($"Produced by {r.Author}; data extracted {r.ExtractedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC."));
            ws.Column(1).Width = 28;
        }
        wb.SaveAs(output);
    }

    /// <summary>The long layout of the regional database (and a convenient one for any CSV): one figure per row.</summary>
    public static readonly string[] CsvHeader =
        ["country", "year", "template", "table", "row_dimension", "row_category", "column_dimension", "column_category", "value", "flag", "unit", "definition",
         "author", "author_role", "extracted_at"];

    private static async Task CsvAsync(Report r, Stream output)
    {
        await using var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true);
        var rows = new List<IReadOnlyList<string>> { CsvHeader };
        foreach (var t in r.Tables)
            for (var i = 0; i <= t.RowCategories.Count; i++)
                for (var j = 0; j <= t.ColumnCategories.Count; j++)
                {
                    var value = t.IsNotApplicable(i, j) ? null : t.Cells[i][j];
                    rows.Add([r.Country, r.Year.ToString(CultureInfo.InvariantCulture), r.Template.Id, t.Id ?? "", t.Rows,
                        Spreadsheet.Safe(i < t.RowCategories.Count ? t.RowCategories[i] : "Total"), t.Columns ?? "",
                        Spreadsheet.Safe(j < t.ColumnCategories.Count ? t.ColumnCategories[j] : "Total"),
                        value?.ToString(CultureInfo.InvariantCulture) ?? "", t.IsNotApplicable(i, j) ? "n/a" : value is null ? "c" : "", t.Unit.ToString(), t.Definition,
                        Spreadsheet.Safe(r.Author.Name), Spreadsheet.Safe(r.Author.Role), r.ExtractedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)]);
                }
        await Platform.CsvText.WriteAsync(writer, rows);
    }

    private static readonly Lock FontLock = new();

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
        lock (FontLock)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFont) GlobalFontSettings.FontResolver = new EmbeddedFont();
        }
        var doc = new PdfDocument();
        doc.Info.Title = r.Template.Title;
        doc.Info.Author = AuthorLabel(r.Author);
        var regular = new XFont(EmbeddedFont.Family, 8.5, XFontStyleEx.Regular);
        var bold = new XFont(EmbeddedFont.Family, 10, XFontStyleEx.Bold);
        var title = new XFont(EmbeddedFont.Family, 13, XFontStyleEx.Bold);
        PdfPage page = null!;
        XGraphics gfx = null!;
        double y = 0;
        const double left = 40, lineHeight = 13, bottom = 800;
        void NewPage()
        {
            gfx?.Dispose();
            page = doc.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = 40;
        }
        void Text(string text, XFont font, double x = left, double width = 515)
        {
            // Long lines wrap by words.
            var words = text.Split(' ');
            var line = "";
            foreach (var w in words)
            {
                var candidate = line.Length == 0 ? w : line + " " + w;
                if (gfx.MeasureString(candidate, font).Width > width && line.Length > 0)
                {
                    gfx.DrawString(line, font, XBrushes.Black, new XPoint(x, y));
                    y += lineHeight;
                    line = w;
                }
                else line = candidate;
            }
            gfx.DrawString(line, font, XBrushes.Black, new XPoint(x, y));
            y += lineHeight;
        }
        NewPage();
        Text(r.Template.Title, title);
        y += 4;
        Text($"{r.Country}, {r.Year}. Produced by {AuthorLabel(r.Author)}; data extracted {r.ExtractedAt:yyyy-MM-dd HH:mm} UTC.", regular);
        Text("Source: " + r.Template.Source, regular);
        Text(r.Legend, regular);
        foreach (var t in r.Tables)
        {
            var needed = (t.RowCategories.Count + 5) * lineHeight;
            if (y + needed > bottom) NewPage();
            y += 10;
            Text($"{t.Id}. {t.Title}", bold);
            Text("Counting rules: " + t.Definition, regular);
            var columns = t.ColumnCategories.Select(c => CategoryLabel(t.Columns ?? "", c)).Append("Total").ToList();
            var firstWidth = 150.0;
            var width = Math.Min(70, (515 - firstWidth) / columns.Count);
            gfx.DrawString(DimensionLabel(t.Rows), bold, XBrushes.Black, new XPoint(left, y));
            for (var j = 0; j < columns.Count; j++)
                gfx.DrawString(columns[j], regular, XBrushes.Black, new XRect(left + firstWidth + j * width, y - 9, width - 4, lineHeight), XStringFormats.TopRight);
            y += lineHeight;
            gfx.DrawLine(XPens.Gray, left, y - 10, left + firstWidth + columns.Count * width, y - 10);
            for (var i = 0; i <= t.RowCategories.Count; i++)
            {
                if (y > bottom) NewPage();
                var font = i < t.RowCategories.Count ? regular : bold;
                gfx.DrawString(i < t.RowCategories.Count ? CategoryLabel(t.Rows, t.RowCategories[i]) : "Total", font, XBrushes.Black, new XPoint(left, y));
                for (var j = 0; j < columns.Count; j++)
                    gfx.DrawString(t.IsNotApplicable(i, j) ? "n/a" : CrossTab.Format(t.Cells[i][j]), font, XBrushes.Black,
                        new XRect(left + firstWidth + j * width, y - 9, width - 4, lineHeight), XStringFormats.TopRight);
                y += lineHeight;
            }
        }
        gfx.Dispose();
        doc.Save(output, closeStream: false);
    }

    /// <summary>
    /// PDFsharp finds no fonts on Linux by itself; the report font (DejaVu Sans, free licence, Latin and Cyrillic) ships
    /// inside the executable so that reports look the same on every server.
    /// </summary>
    private sealed class EmbeddedFont : IFontResolver
    {
        public const string Family = "DejaVu Sans";
        private static readonly Lazy<byte[]> Bytes = new(() =>
        {
            using var stream = typeof(EmbeddedFont).Assembly.GetManifestResourceStream("Sigur.Fonts.DejaVuSans.ttf")!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        });

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new("DejaVuSans", bold, italic);

        public byte[]? GetFont(string faceName) => Bytes.Value;
    }
}
