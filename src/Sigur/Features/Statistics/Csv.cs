using System.Text;

namespace Sigur.Features.Statistics;

/// <summary>
/// RFC 4180 CSV, both ways, with the delimiter detected from the header (CTDC's files use ';'). Small enough to own:
/// the CsvHelper version pinned in the house changed its API, and this is all the statistics need.
/// </summary>
public static class Csv
{
    public static async Task WriteAsync(TextWriter writer, IEnumerable<IReadOnlyList<string>> rows, char delimiter = ',')
    {
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0) await writer.WriteAsync(delimiter);
                await writer.WriteAsync(Quote(row[i], delimiter));
            }
            await writer.WriteAsync("\r\n");
        }
        await writer.FlushAsync();
    }

    private static string Quote(string value, char delimiter) =>
        value.IndexOfAny([delimiter, '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>The delimiter of a header line: whichever of ';', ',' and tab occurs most outside quotes.</summary>
    public static char DetectDelimiter(string headerLine)
    {
        var candidates = new[] { ',', ';', '\t' };
        return candidates.OrderByDescending(c => headerLine.Count(ch => ch == c)).First();
    }

    /// <summary>Reads all records; a quoted field may span lines.</summary>
    public static List<string[]> Read(TextReader reader, char? delimiter = null)
    {
        var text = reader.ReadToEnd();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var sep = delimiter ?? DetectDelimiter(firstLineEnd < 0 ? text : text[..firstLineEnd]);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
                continue;
            }
            if (c == '"' && field.Length == 0) { quoted = true; any = true; }
            else if (c == sep) { fields.Add(field.ToString()); field.Clear(); any = true; }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add([.. fields]); }
                fields.Clear(); field.Clear(); any = false;
            }
            else { field.Append(c); any = true; }
        }
        if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add([.. fields]); }
        return records;
    }
}
