using System.Text;

namespace Sigur.Features.Duplicates;

/// <summary>
/// A CSV reader with the rules of Python's csv module (excel dialect), which is what clkhash reads
/// with: comma-separated, fields may be quoted with "…" and "" inside, quoted fields may span lines,
/// a stray quote inside an unquoted field is kept as text.
/// </summary>
internal sealed class PprlCsv(TextReader reader)
{
    private readonly StringBuilder _field = new();

    /// <summary>Physical line where the last record returned started (1-based).</summary>
    public long Line { get; private set; }

    private long _nextLine = 1;

    public string[]? ReadRecord()
    {
        var first = reader.Peek();
        if (first < 0)
            return null;
        Line = _nextLine;
        var fields = new List<string>();
        _field.Clear();
        var quoted = false;     // inside a quoted section
        var fieldStart = true;  // nothing read yet for this field
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                fields.Add(_field.ToString());
                return fields.ToArray();
            }
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        _field.Append('"');
                    }
                    else
                        quoted = false;
                }
                else
                {
                    if (ch == '\n')
                        _nextLine++;
                    _field.Append(ch);
                }
                continue;
            }
            switch (ch)
            {
                case '"' when fieldStart:
                    quoted = true;
                    fieldStart = false;
                    break;
                case ',':
                    fields.Add(_field.ToString());
                    _field.Clear();
                    fieldStart = true;
                    break;
                case '\r':
                    if (reader.Peek() == '\n')
                        reader.Read();
                    _nextLine++;
                    fields.Add(_field.ToString());
                    return fields.ToArray();
                case '\n':
                    _nextLine++;
                    fields.Add(_field.ToString());
                    return fields.ToArray();
                default:
                    _field.Append(ch);
                    fieldStart = false;
                    break;
            }
        }
    }
}
