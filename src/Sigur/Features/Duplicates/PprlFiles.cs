using System.Globalization;
using System.Text;
using System.Text.Json;
using Sigur.Matching.Pprl;
using Sigur.Platform;

namespace Sigur.Features.Duplicates;

/// <summary>Bad input to a pprl command: reported as one line on standard error, exit code 2.</summary>
internal sealed class PprlInputException(string message) : Exception(message);

/// <summary>Reading and writing the files of the pprl commands. Writes go to a temporary file that is moved into place, so a failed run never leaves half an output.</summary>
internal static class PprlFiles
{
    /// <summary>One CSV data row, with where it came from for error messages.</summary>
    internal sealed record CsvRecord(int Row, long Line, string[] Values);

    public static void RequireFile(string path)
    {
        if (!File.Exists(path))
            throw new PprlInputException($"{path}: file not found");
    }

    public static LinkageSchema ReadSchema(string path)
    {
        RequireFile(path);
        try
        {
            return LinkageSchema.Parse(File.ReadAllText(path));
        }
        catch (LinkageSchemaException e)
        {
            throw new PprlInputException($"{path}: invalid linkage schema: {e.Message}");
        }
    }

    /// <summary>
    /// Reads a CSV whose columns are the schema's features in order, as clkhash expects; the header
    /// must name them (compared after trimming, so FEBRL's " given_name" is fine).
    /// </summary>
    /// <param name="trimValues">Trim surrounding whitespace from values (clkhash hashes them raw).</param>
    public static List<CsvRecord> ReadRecords(string path, LinkageSchema schema, bool trimValues)
    {
        RequireFile(path);
        // Blank lines are kept (and skipped below) so that row numbers count them, as clkhash's do.
        using var rows = CsvText.ReadFile(path, skipEmptyLines: false).GetEnumerator();
        var features = schema.Features;
        var header = (rows.MoveNext() ? rows.Current.Values : null)
            ?? throw new PprlInputException($"{path}: the file is empty; expected a header row naming the {features.Count} schema features");
        if (header.Length != features.Count)
            throw new PprlInputException($"{path}: row 1 (header) has {header.Length} columns but the schema has {features.Count} features");
        for (var c = 0; c < header.Length; c++)
        {
            if (header[c].Trim() != features[c].Identifier)
                throw new PprlInputException($"{path}: row 1 (header) column {c + 1} is '{header[c].Trim()}' but schema feature {c + 1} is '{features[c].Identifier}'");
        }

        var records = new List<CsvRecord>();
        var row = 1;
        while (rows.MoveNext())
        {
            var (values, line) = rows.Current;
            row++;
            if (values is [] or [""])
                continue; // a blank line, e.g. at the end of the file
            if (values.Length != features.Count)
                throw new PprlInputException($"{path}: row {row} (line {line}) has {values.Length} columns but the schema has {features.Count} features");
            if (trimValues)
                for (var i = 0; i < values.Length; i++)
                    values[i] = values[i].Trim();
            records.Add(new CsvRecord(row, line, values));
        }
        return records;
    }

    /// <summary>Reads anonlink's CLK file: <c>{"clks": ["base64", …]}</c>. All CLKs must have the same length.</summary>
    public static List<byte[]> ReadClks(string path)
    {
        RequireFile(path);
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}" : "";
            throw new PprlInputException($"{path}: not valid JSON{where}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("clks", out var array)
                || array.ValueKind != JsonValueKind.Array)
                throw new PprlInputException($"{path}: expected an object with a \"clks\" array");
            var clks = new List<byte[]>(array.GetArrayLength());
            var index = 0;
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String || !item.TryGetBytesFromBase64(out var clk))
                    throw new PprlInputException($"{path}: clks[{index}] is not a base64 string");
                if (clks.Count > 0 && clk.Length != clks[0].Length)
                    throw new PprlInputException($"{path}: clks[{index}] has {clk.Length} bytes but clks[0] has {clks[0].Length}; all CLKs must have the same length");
                clks.Add(clk);
                index++;
            }
            return clks;
        }
    }

    /// <summary>Writes through a temporary file beside the target, then moves it into place.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory))
            throw new PprlInputException($"{path}: the directory {directory} does not exist");
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
                File.Delete(temporary);
        }
    }
}
