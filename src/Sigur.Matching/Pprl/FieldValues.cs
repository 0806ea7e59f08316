using System.Globalization;
using System.Numerics;

namespace Sigur.Matching.Pprl;

/// <summary>A value in the data cannot be encoded under its feature's format.</summary>
public sealed class InvalidFieldValueException(string message) : Exception(message);

/// <summary>
/// Brings a raw value into the canonical text that gets tokenised, exactly as clkhash's
/// <c>format_value</c>: the missing-value sentinel is replaced, integers lose signs and spaces
/// ("+13", " 13" → "13"), dates become yyyymmdd so separators carry no weight. Other format
/// checks (regex, case, length, enum membership, integer bounds) are deliberately lenient: they
/// reject data clkhash would reject but never change a CLK.
/// </summary>
public static class FieldValues
{
    public static string Format(FeatureSpec feature, string raw)
    {
        var hashing = feature.Hashing;
        if (hashing?.MissingValue is { } missing && raw == missing.Sentinel)
            return missing.ReplaceWith;
        return feature.Format switch
        {
            FeatureFormat.Integer => PythonInt.TryParse(raw, out var value)
                ? value.ToString(CultureInfo.InvariantCulture)
                : throw new InvalidFieldValueException($"'{raw}' is not an integer"),
            FeatureFormat.Date => StrptimeDate.Reformat(raw, feature.DateFormat!),
            _ => raw,
        };
    }
}

/// <summary>Python's <c>int(text, 10)</c>: surrounding whitespace, one sign, digits with single underscores between them.</summary>
internal static class PythonInt
{
    public static bool TryParse(string text, out BigInteger value)
    {
        value = BigInteger.Zero;
        var s = text.AsSpan().Trim();
        if (s.IsEmpty)
            return false;
        var negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        if (s.IsEmpty || s[0] == '_' || s[^1] == '_')
            return false;
        long small = 0;
        var big = BigInteger.Zero;
        var useBig = false;
        var previousUnderscore = false;
        foreach (var c in s)
        {
            if (c == '_')
            {
                if (previousUnderscore)
                    return false;
                previousUnderscore = true;
                continue;
            }
            previousUnderscore = false;
            var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
            if (digit < 0)
                return false;
            if (!useBig && small > (long.MaxValue - 9) / 10)
            {
                useBig = true;
                big = small;
            }
            if (useBig)
                big = big * 10 + digit;
            else
                small = small * 10 + digit;
        }
        value = useBig ? big : small;
        if (negative)
            value = -value;
        return true;
    }
}

/// <summary>
/// The subset of Python's <c>strptime</c> that date features use (%Y %y %m %d %b %B %j %%, literal
/// characters, whitespace), re-emitted as <c>%Y%m%d</c> like clkhash.
/// </summary>
internal static class StrptimeDate
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    private static readonly string[] MonthAbbreviations = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames[..12];

    public static void Validate(string format, string where)
    {
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
                continue;
            if (++i >= format.Length || format[i] is not ('Y' or 'y' or 'm' or 'd' or 'b' or 'B' or 'j' or '%'))
                throw new LinkageSchemaException($"{where}: date format '{format}' uses a directive this encoder does not support");
        }
    }

    public static string Reformat(string raw, string format)
    {
        if (!TryParse(raw, format, out var date))
            throw new InvalidFieldValueException($"'{raw}' does not match date format '{format}'");
        // Python's strftime does not zero-pad years below 1000 on Linux; the month and day are padded.
        return date.Year.ToString(CultureInfo.InvariantCulture) + date.Month.ToString("00", CultureInfo.InvariantCulture) + date.Day.ToString("00", CultureInfo.InvariantCulture);
    }

    private static bool TryParse(string text, string format, out DateOnly date)
    {
        date = default;
        int year = 1900, month = 1, day = 1, dayOfYear = -1;
        var p = 0;
        for (var f = 0; f < format.Length; f++)
        {
            var c = format[f];
            if (char.IsWhiteSpace(c))
            {
                // Python turns format whitespace into \s+: one or more whitespace characters.
                while (f + 1 < format.Length && char.IsWhiteSpace(format[f + 1]))
                    f++;
                var start = p;
                while (p < text.Length && char.IsWhiteSpace(text[p]))
                    p++;
                if (p == start)
                    return false;
                continue;
            }
            if (c != '%')
            {
                if (p >= text.Length || char.ToLowerInvariant(text[p]) != char.ToLowerInvariant(c))
                    return false;
                p++;
                continue;
            }
            switch (format[++f])
            {
                case 'Y':
                    if (!Digits(text, ref p, 4, 4, out year)) return false;
                    break;
                case 'y':
                    if (!Digits(text, ref p, 2, 2, out var yy)) return false;
                    year = yy <= 68 ? 2000 + yy : 1900 + yy;
                    break;
                case 'm':
                    if (!Digits(text, ref p, 1, 2, out month)) return false;
                    break;
                case 'd':
                    if (p < text.Length && text[p] == ' ')
                        p++;
                    if (!Digits(text, ref p, 1, 2, out day)) return false;
                    break;
                case 'j':
                    if (!Digits(text, ref p, 1, 3, out dayOfYear)) return false;
                    break;
                case 'b':
                    if (!MonthName(text, ref p, MonthAbbreviations, out month)) return false;
                    break;
                case 'B':
                    if (!MonthName(text, ref p, MonthNames, out month)) return false;
                    break;
                case '%':
                    if (p >= text.Length || text[p] != '%') return false;
                    p++;
                    break;
                default:
                    return false;
            }
        }
        if (p != text.Length || year < 1 || month is < 1 or > 12)
            return false;
        if (dayOfYear > 0)
        {
            if (dayOfYear > (DateTime.IsLeapYear(year) ? 366 : 365))
                return false;
            date = new DateOnly(year, 1, 1).AddDays(dayOfYear - 1);
            return true;
        }
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    private static bool Digits(string text, ref int p, int min, int max, out int value)
    {
        value = 0;
        var count = 0;
        while (count < max && p < text.Length && char.IsAsciiDigit(text[p]))
        {
            value = value * 10 + (text[p] - '0');
            p++;
            count++;
        }
        return count >= min;
    }

    private static bool MonthName(string text, ref int p, string[] names, out int month)
    {
        month = 0;
        // Longest first so that "June" is not taken for "Jun" + "e".
        var best = -1;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            if (string.Compare(text, p, name, 0, name.Length, StringComparison.OrdinalIgnoreCase) == 0
                && p + name.Length <= text.Length
                && (best < 0 || name.Length > names[best].Length))
                best = i;
        }
        if (best < 0)
            return false;
        p += names[best].Length;
        month = best + 1;
        return true;
    }
}
