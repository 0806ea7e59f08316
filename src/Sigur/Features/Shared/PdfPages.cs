using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Sigur.Features.Shared;

/// <summary>
/// A PDF written top to bottom on A4 pages with PDFsharp: text that wraps by words and breaks onto a new page, in the
/// font Sigur ships (DejaVu Sans: Latin, Cyrillic and Albanian alike). Statistics reports and the case file's
/// printouts both write through it.
/// </summary>
public sealed class PdfPages : IDisposable
{
    public const double Left = 40, Width = 515, LineHeight = 13, Bottom = 800;

    private readonly PdfDocument _document = new();
    private XGraphics? _gfx;

    public XFont Regular { get; } = new(EmbeddedFont.Family, 8.5, XFontStyleEx.Regular);
    public XFont Bold { get; } = new(EmbeddedFont.Family, 10, XFontStyleEx.Bold);
    public XFont Title { get; } = new(EmbeddedFont.Family, 13, XFontStyleEx.Bold);

    /// <summary>Where the next line goes, from the top of the page.</summary>
    public double Y { get; set; }

    public XGraphics Graphics => _gfx ?? throw new InvalidOperationException("No page yet.");

    // Before any font is made (the fields above): PDFsharp's resolver is process-wide.
    static PdfPages()
    {
        if (GlobalFontSettings.FontResolver is not EmbeddedFont) GlobalFontSettings.FontResolver = new EmbeddedFont();
    }

    public PdfPages(string title, string author)
    {
        _document.Info.Title = title;
        _document.Info.Author = author;
        NewPage();
    }

    public void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _gfx = XGraphics.FromPdfPage(page);
        Y = 40;
    }

    /// <summary>Text wrapped by words within <paramref name="width"/>; each line on a new page when the page is full.</summary>
    public void Text(string text, XFont? font = null, double x = Left, double width = Width)
    {
        font ??= Regular;
        foreach (var paragraph in text.Replace("\r", "").Split('\n'))
        {
            var line = "";
            foreach (var w in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? w : line + " " + w;
                if (Graphics.MeasureString(candidate, font).Width > width && line.Length > 0)
                {
                    Draw(line, font, x);
                    line = w;
                }
                else line = candidate;
            }
            Draw(line, font, x);
        }
    }

    /// <summary>A label and its value side by side (the value wraps in its column).</summary>
    public void Field(string label, string value)
    {
        if (Y > Bottom) NewPage();
        Graphics.DrawString(label, Regular, XBrushes.DimGray, new XPoint(Left, Y));
        Text(string.IsNullOrWhiteSpace(value) ? "–" : value, Regular, Left + 160, Width - 160);
    }

    /// <summary>A line to write on by hand (a signature, a date), with its label under it.</summary>
    public void WritingLine(string label)
    {
        Y += 28;
        if (Y > Bottom) NewPage();
        Graphics.DrawLine(XPens.Black, Left, Y, Left + 250, Y);
        Y += 10;
        Graphics.DrawString(label, Regular, XBrushes.DimGray, new XPoint(Left, Y));
        Y += LineHeight;
    }

    public void Gap(double points = 8) => Y += points;

    private void Draw(string line, XFont font, double x)
    {
        if (Y > Bottom) NewPage();
        Graphics.DrawString(line, font, XBrushes.Black, new XPoint(x, Y));
        Y += LineHeight;
    }

    public void Save(Stream output)
    {
        _gfx?.Dispose();
        _gfx = null;
        _document.Save(output, closeStream: false);
    }

    public byte[] ToArray()
    {
        using var memory = new MemoryStream();
        Save(memory);
        return memory.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
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
