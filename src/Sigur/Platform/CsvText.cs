using CsvHelper;

namespace Sigur.Platform;

/// <summary>A CSV row as text, with the physical line it starts on (1-based; quoted fields may span lines).</summary>
public readonly record struct CsvRow(string[] Values, long Line);

/// <summary>
/// CSV as rows of text, both ways, for every verb and page that reads or writes it (imports, exports, the match
/// and pprl commands), over CsvHelper. Reading follows RFC 4180 as Python's csv module does (clkhash reads with
/// it): a quote opens a field only at its start, a stray quote elsewhere is text, quoted fields may span lines.
/// The header is returned as the first row; rows may differ in length, so callers check the shape and name the
/// row. Values are kept as written unless <c>trim</c> is asked for.
/// </summary>
public static class CsvText
{
    /// <summary>Rows of a file, streamed; a byte order mark is honoured.</summary>
    public static IEnumerable<CsvRow> ReadFile(string path, char separator = ',', bool trim = false, bool skipEmptyLines = true)
    {
        using var csv = CsvReader.FromFile(path, Options(separator, trim, skipEmptyLines));
        foreach (var row in Rows(csv)) yield return row;
    }

    /// <summary>Rows of text, streamed.</summary>
    public static IEnumerable<CsvRow> Read(TextReader reader, char separator = ',', bool trim = false, bool skipEmptyLines = true)
    {
        if (reader.Peek() == '\uFEFF') reader.Read();
        using var csv = CsvReader.Create(reader, Options(separator, trim, skipEmptyLines), leaveOpen: true);
        foreach (var row in Rows(csv)) yield return row;
    }

    /// <summary>
    /// Every row of the text, empty lines skipped, with the separator that occurs most in the header line
    /// (of ',', ';' and tab) unless one is given: spreadsheet exports in the region use ';'.
    /// </summary>
    public static List<string[]> ReadAll(TextReader reader, char? separator = null)
    {
        var text = reader.ReadToEnd();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var sep = separator ?? DetectSeparator(firstLineEnd < 0 ? text : text[..firstLineEnd]);
        using var csv = CsvReader.FromText(text, Options(sep, trim: false, skipEmptyLines: true));
        return [.. Rows(csv).Select(r => r.Values)];
    }

    /// <summary>Whichever of ',', ';' and tab occurs most in the header line (',' on a tie).</summary>
    public static char DetectSeparator(string headerLine) =>
        new[] { ',', ';', '\t' }.OrderByDescending(c => headerLine.Count(ch => ch == c)).First();

    /// <summary>Writes RFC 4180 rows (CRLF; quoted where needed); rows may differ in length.</summary>
    public static async Task WriteAsync(TextWriter writer, IEnumerable<IReadOnlyList<string>> rows, char separator = ',')
    {
        await using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { Separator = separator, ValidateFieldCount = false }, leaveOpen: true))
            foreach (var row in rows)
                await csv.WriteRecordAsync([.. row]);
        await writer.FlushAsync();
    }

    /// <summary>
    /// Writes rows to a file through a temporary file beside it that is moved into place, so a failed run never
    /// leaves half an output. LF line ends; a value that a spreadsheet would run as a formula is escaped.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The file's directory does not exist.</exception>
    public static void WriteFileAtomically(string path, IEnumerable<IReadOnlyList<string>> rows)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{path}: directory does not exist");
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary))
            using (var csv = CsvWriter.Create(writer, new CsvWriterOptions { NewLine = "\n", Injection = CsvInjection.Escape }))
                foreach (var row in rows)
                    csv.WriteRecord([.. row]);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
    }

    private static CsvReaderOptions Options(char separator, bool trim, bool skipEmptyLines) => new()
    {
        Separator = separator,
        HasHeader = false,
        TrimWhitespace = trim,
        SkipEmptyLines = skipEmptyLines,
        TrackLineNumbers = true,
        PoolStrings = true,
    };

    private static IEnumerable<CsvRow> Rows(CsvReader csv)
    {
        while (csv.Read())
        {
            var values = new string[csv.FieldCount];
            for (var i = 0; i < values.Length; i++) values[i] = csv.GetString(i);
            yield return new CsvRow(values, csv.LineNumber);
        }
    }
}
