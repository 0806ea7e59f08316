namespace Sigur.Matching;

/// <summary>
/// A date of birth as registered, which is often partial: year only, month and year, or a full date.
/// Components are kept as written (0 = unknown) and not checked against the calendar, because a typed
/// "31.02." or a month of 13 (day and month swapped) is still evidence.
/// </summary>
public readonly record struct BirthDate(int Year, int Month, int Day)
{
    public static readonly BirthDate Unknown = default;

    public bool IsUnknown => Year == 0 && Month == 0 && Day == 0;

    /// <summary>
    /// Reads yyyyMMdd, yyyy-MM-dd, yyyy/MM/dd, dd.MM.yyyy(.), dd/MM/yyyy, dd-MM-yyyy, MM.yyyy, MM/yyyy, yyyy-MM, yyyy.
    /// Zero or "xx"/"??" components mean unknown. Anything else is <see cref="Unknown"/>.
    /// </summary>
    public static BirthDate Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim().TrimEnd('.');
        if (text.Length == 0) return Unknown;
        if (text.Length == 8 && AllDigits(text))
            return new(Number(text[..4]), Number(text[4..6]), Number(text[6..8]));
        if (text.Length == 4 && AllDigits(text)) return new(Number(text), 0, 0);
        Span<Range> parts = stackalloc Range[4];
        int count = text.SplitAny(parts, "-./ ", StringSplitOptions.RemoveEmptyEntries);
        if (count is < 2 or > 3) return Unknown;
        var first = text[parts[0]];
        var lastPart = text[parts[count - 1]];
        if (first.Length == 4)
        {
            // Year first (ISO order).
            int month = Number(text[parts[1]]);
            int day = count == 3 ? Number(text[parts[2]]) : 0;
            return new(Number(first), month, day);
        }
        if (lastPart.Length == 4)
        {
            // Day first, as written in the region.
            int year = Number(lastPart);
            return count == 3 ? new(year, Number(text[parts[1]]), Number(first)) : new(year, Number(first), 0);
        }
        return Unknown;
    }

    public override string ToString() =>
        IsUnknown ? "" : $"{Year:0000}-{(Month == 0 ? "??" : Month.ToString("00"))}-{(Day == 0 ? "??" : Day.ToString("00"))}";

    private static bool AllDigits(ReadOnlySpan<char> s)
    {
        foreach (char c in s) if (c is < '0' or > '9') return false;
        return true;
    }

    /// <summary>The number in s; 0 (unknown) when it is not all digits.</summary>
    private static int Number(ReadOnlySpan<char> s)
    {
        if (s.Length == 0 || s.Length > 4 || !AllDigits(s)) return 0;
        int v = 0;
        foreach (char c in s) v = v * 10 + (c - '0');
        return v;
    }
}

/// <summary>How two dates of birth agree, from strongest to weakest evidence.</summary>
public enum DateAgreement : byte
{
    /// <summary>Year, month and day all known and equal.</summary>
    Exact,
    /// <summary>Same year; day and month exchanged (12.03. written as 03.12.).</summary>
    DayMonthSwapped,
    /// <summary>Every component known on both sides agrees, but one side lacks the day or the month (year-only, month-and-year).</summary>
    PartialAgrees,
    /// <summary>Two of year, month, day agree and the third differs: a typing error.</summary>
    TwoOfThree,
    /// <summary>Years within one of each other, nothing else to go on or nothing else agreeing.</summary>
    YearClose,
    Different,
    /// <summary>One side has no date at all: no evidence either way.</summary>
    Missing,
}

public static class BirthDateComparison
{
    public static DateAgreement Compare(BirthDate a, BirthDate b)
    {
        if (a.Year == 0 || b.Year == 0) return DateAgreement.Missing;
        bool full = a.Month != 0 && a.Day != 0 && b.Month != 0 && b.Day != 0;
        if (full)
        {
            if (a == b) return DateAgreement.Exact;
            if (a.Year == b.Year && a.Day == b.Month && a.Month == b.Day) return DateAgreement.DayMonthSwapped;
            int agree = (a.Year == b.Year ? 1 : 0) + (a.Month == b.Month ? 1 : 0) + (a.Day == b.Day ? 1 : 0);
            if (agree == 2) return DateAgreement.TwoOfThree;
            return Math.Abs(a.Year - b.Year) <= 1 ? DateAgreement.YearClose : DateAgreement.Different;
        }
        if (a.Year == b.Year)
        {
            bool monthOk = a.Month == 0 || b.Month == 0 || a.Month == b.Month;
            bool dayOk = a.Day == 0 || b.Day == 0 || a.Day == b.Day;
            if (monthOk && dayOk) return DateAgreement.PartialAgrees;
            // One side has only a month, the other the full date with that number as its day: swapped.
            if (a.Month == b.Day || a.Day == b.Month) return DateAgreement.DayMonthSwapped;
            return DateAgreement.YearClose;
        }
        return Math.Abs(a.Year - b.Year) <= 1 ? DateAgreement.YearClose : DateAgreement.Different;
    }
}
